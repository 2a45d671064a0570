/** A unique index refused the row (SQLite or MySQL): the caller turns it into CONFLICT or a retry. */
export function isUniqueViolation(e: unknown): boolean {
  const err: any = (e as any)?.driverError ?? e;
  return (
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    err?.errno === 1062 ||
    err?.code === 'ER_DUP_ENTRY'
  );
}
