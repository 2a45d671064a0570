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
    int: (name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: sqlite ? 'integer' : 'int',
      isNullable: false,
      ...options,
    }),
    bigint: (name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: sqlite ? 'bigint' : 'bigint',
      isNullable: false,
      ...options,
    }),
    varchar: (name: string, length: number, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: false,
      ...options,
    }),
    double: (name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'double',
      isNullable: false,
      ...options,
    }),
    text: (name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: false,
      ...options,
    }),
    bool: (name: string, def: boolean, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: false,
      default: sqlite ? (def ? 1 : 0) : def ? 1 : 0,
      ...options,
    }),
    datetime: (name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'datetime',
      isNullable: false,
      ...options,
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
