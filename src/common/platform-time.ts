/**
 * The platform's time zone (TIME_ZONE, default Asia/Shanghai): every day and time a person reads —
 * on a page, in a message, in an Excel export — is written in it, and "today" is its calendar day.
 * Instants stay UTC in the database and over GraphQL; only their text is local.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let zone = DEFAULT_TIME_ZONE;
let parts = formatterOf(zone);

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Set once at start-up from the configuration (AppModule.register; config.ts has checked the name). */
export function setPlatformTimeZone(timeZone: string): void {
  parts = formatterOf(timeZone);
  zone = timeZone;
}

export const platformTimeZone = (): string => zone;

/** YYYY-MM-DD HH:mm:ss of `at` in the platform's zone. */
function local(at: Date | number | string): string {
  const got: Record<string, string> = {};
  for (const part of parts.formatToParts(new Date(at))) got[part.type] = part.value;
  return `${got.year}-${got.month}-${got.day} ${got.hour}:${got.minute}:${got.second}`;
}

/** The calendar day (YYYY-MM-DD) in the platform's zone at `at` (default: now): the day a fact was recorded. */
export function platformDay(at: Date | number = Date.now()): string {
  return local(at).slice(0, 10);
}

/** The earlier of two YYYY-MM-DD days. */
export const earlierDay = (one: string, two: string): string => (one <= two ? one : two);

/** Date and time in the platform's zone (YYYY-MM-DD HH:mm), as a clerk reads it in a message. */
export function platformDateTime(at: Date | number | string): string {
  return local(at).slice(0, 16);
}

/** Date and time to the second in the platform's zone (YYYY-MM-DD HH:mm:ss), for exported files. */
export function platformDateTimeSeconds(at: Date | number | string): string {
  return local(at);
}

/** The month (YYYY-MM) in the platform's zone at `at`: the dashboards' month buckets. */
export function platformMonth(at: Date | number | string): string {
  return local(at).slice(0, 7);
}

/** Minutes the platform's wall clock is ahead of UTC at `at`. */
export function platformOffsetMinutes(at: Date | number): number {
  const ms = new Date(at).getTime();
  const [date, time] = local(ms).split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  return Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant the platform's clock reads midnight starting the first day of month `month0` (0-based; may overflow) of `year`. */
export function platformMonthStart(year: number, month0: number): Date {
  const wall = Date.UTC(year, month0, 1);
  // The offset at the guess, then at the result (they differ only across a daylight-saving change).
  const guess = wall - platformOffsetMinutes(wall) * 60_000;
  return new Date(wall - platformOffsetMinutes(guess) * 60_000);
}

/**
 * The platform's UTC offset over [from, to): one entry per stretch of equal offset, `until` the
 * instant it ends (null: the last). Transitions are found month by month, then to the minute.
 */
export function platformOffsetStretches(from: Date, to: Date): { until: Date | null; minutes: number }[] {
  const out: { until: Date | null; minutes: number }[] = [];
  const STEP = 28 * 24 * 3600_000;
  let at = from.getTime();
  let minutes = platformOffsetMinutes(at);
  while (at < to.getTime()) {
    const next = Math.min(at + STEP, to.getTime());
    if (platformOffsetMinutes(next) !== minutes) {
      let [low, high] = [at, next];
      while (high - low > 60_000) {
        const mid = Math.floor((low + high) / 2 / 60_000) * 60_000;
        if (platformOffsetMinutes(mid) === minutes) low = mid;
        else high = mid;
      }
      out.push({ until: new Date(high), minutes });
      minutes = platformOffsetMinutes(high);
      at = high;
    } else at = next;
  }
  out.push({ until: null, minutes });
  return out;
}
