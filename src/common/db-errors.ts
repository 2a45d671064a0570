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
