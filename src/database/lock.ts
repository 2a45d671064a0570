import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Locks the rows a read selects until the transaction ends (`SELECT … FOR UPDATE` on MySQL). SQLite has
 * no row locks and needs none: TransactionService serialises its writers, so the read is already exclusive.
 */
export function lockForUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return qb.connection.options.type === 'better-sqlite3' ? qb : qb.setLock('pessimistic_write');
}
