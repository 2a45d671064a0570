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
