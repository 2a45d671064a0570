import type { QueryRunner, TableColumnOptions, TableIndexOptions } from 'typeorm';

/**
 * Column shapes written once for both engines (the n8n way): each helper returns what the
 * entity's decorator produces on SQLite and on MySQL, so the schema check finds no difference.
 */
export function columns(qr: QueryRunner) {
  const sqlite = qr.connection.driver.options.type === 'better-sqlite3';
  // TypeORM gives @CreateDateColumn microsecond precision on MySQL.
  const now = sqlite ? "datetime('now')" : 'CURRENT_TIMESTAMP(6)';
  const stamp = sqlite ? {} : { precision: 6 };
  return {
    sqlite,
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: sqlite ? 'integer' : 'int',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    int: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: sqlite ? 'integer' : 'int',
      isNullable: false,
      ...o,
    }),
    bigint: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: sqlite ? 'bigint' : 'bigint',
      isNullable: false,
      ...o,
    }),
    varchar: (name: string, length: number, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: false,
      ...o,
    }),
    double: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'double', isNullable: false, ...o }),
    text: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', isNullable: false, ...o }),
    bool: (name: string, def: boolean, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: false,
      default: sqlite ? (def ? 1 : 0) : def ? 1 : 0,
      ...o,
    }),
    datetime: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'datetime',
      isNullable: false,
      ...o,
    }),
    /** For @CreateDateColumn / @UpdateDateColumn. */
    createdAt: (name = 'created_at'): TableColumnOptions => ({ name, type: 'datetime', isNullable: false, default: now, ...stamp }),
    updatedAt: (name = 'updated_at'): TableColumnOptions => ({
      name,
      type: 'datetime',
      isNullable: false,
      default: now,
      ...stamp,
      ...(sqlite ? {} : { onUpdate: 'CURRENT_TIMESTAMP(6)' }),
    }),
    index: (name: string, cols: string[], isUnique = false): TableIndexOptions => ({ name, columnNames: cols, isUnique }),
  };
}
