/** China has one time zone (Asia/Shanghai, UTC+8) and no daylight saving: its calendar day is UTC shifted by 8 hours. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The calendar day (YYYY-MM-DD) in China at `at` (default: now): the day a fact was recorded. */
export function chinaDay(at: Date | number = Date.now()): string {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The earlier of two YYYY-MM-DD days. */
export const earlierDay = (one: string, two: string): string => (one <= two ? one : two);

/** Date and time in China (YYYY-MM-DD HH:mm), as a clerk reads it in a message. */
export function chinaDateTime(at: Date | number | string): string {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
