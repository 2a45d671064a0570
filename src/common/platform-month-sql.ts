import { platformOffsetStretches } from './platform-time.js';

/** Where stored history may lie: before it the first offset holds, after it the last. */
const HISTORY = { from: new Date(Date.UTC(2000, 0, 1)), to: new Date(Date.UTC(2100, 0, 1)) };

/** A UTC datetime as the text SQLite stores and both engines compare with a DATETIME. */
const sqlInstant = (at: Date) => `'${at.toISOString().slice(0, 19).replace('T', ' ')}'`;

/**
 * SQL giving the platform-time month (YYYY-MM) of a UTC datetime column, on SQLite and MySQL alike:
 * the column shifted by the zone's offset (one stretch per offset in [from, to), so daylight saving
 * is honoured), then its first seven characters. With no change of offset (Asia/Shanghai) it is a
 * plain shift. Only generated literals go into the text.
 */
export function platformMonthSql(col: string, sqlite: boolean, window: { from: Date; to: Date } = HISTORY): string {
  const shift = (minutes: number) =>
    sqlite ? `datetime(${col}, '${minutes >= 0 ? '+' : ''}${minutes} minutes')` : `DATE_ADD(${col}, INTERVAL ${minutes} MINUTE)`;
  const stretches = platformOffsetStretches(window.from, window.to);
  const shifted =
    stretches.length === 1
      ? shift(stretches[0].minutes)
      : `CASE ${stretches
          .map((stretch) =>
            stretch.until ? `WHEN ${col} < ${sqlInstant(stretch.until)} THEN ${shift(stretch.minutes)}` : `ELSE ${shift(stretch.minutes)}`,
          )
          .join(' ')} END`;
  return `SUBSTR(${shifted}, 1, 7)`;
}
