/** What the SQLite (better-sqlite3) and MySQL (mysql2) drivers put on the errors they throw. */
export interface DriverError {
  /** `SQLITE_CONSTRAINT_UNIQUE`, `ER_DUP_ENTRY`, `ECONNREFUSED`… */
  code?: string;
  /** MySQL's numeric error (1062 duplicate, 1213 deadlock, 1205 lock wait timeout). */
  errno?: number;
  message?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The driver's error under TypeORM's QueryFailedError (`driverError`), or the error itself; its fields narrowed to their types. */
export function driverErrorOf(thrown: unknown): DriverError {
  const err = isObject(thrown) && isObject(thrown.driverError) ? thrown.driverError : thrown;
  if (!isObject(err)) return {};
  return {
    code: typeof err.code === 'string' ? err.code : undefined,
    errno: typeof err.errno === 'number' ? err.errno : undefined,
    message: typeof err.message === 'string' ? err.message : undefined,
  };
}

/** A unique index refused the row (SQLite or MySQL): the caller turns it into CONFLICT or a retry. */
export function isUniqueViolation(thrown: unknown): boolean {
  const err = driverErrorOf(thrown);
  return (
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    err.errno === 1062 ||
    err.code === 'ER_DUP_ENTRY'
  );
}

/** mysql2 codes and MySQL/MariaDB numbers of a connection that is gone (killed, server restarted, network). */
const LOST_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
]);
const LOST_ERRNOS = new Set([1927, 1053, 2006, 2013]);

/** The database connection went away under the statement: nothing of the transaction was kept. */
export function isConnectionLost(thrown: unknown): boolean {
  const err = driverErrorOf(thrown);
  return (
    (err.code !== undefined && LOST_CODES.has(err.code)) ||
    (err.errno !== undefined && LOST_ERRNOS.has(err.errno)) ||
    /connection is in closed state|Connection lost|Pool is closed/i.test(err.message ?? '')
  );
}
