import type { OrderVillageSnapshot } from '../rollups/rollups.js';
import type { WorkOrderVillage } from './work-order-unit.entity.js';

/** What the dashboards' rollup counts of one village's share of an order (rollups/rollups.ts ORDER_ROLLUPS). */
export function orderVillageSnapshot(
  departmentId: number,
  row: Pick<WorkOrderVillage, 'townId' | 'villageId' | 'sentAt' | 'receivedAt' | 'doneAt'>,
): OrderVillageSnapshot {
  return {
    departmentId,
    townId: row.townId,
    villageId: row.villageId,
    sentAt: row.sentAt,
    receivedAt: row.receivedAt ?? null,
    doneAt: row.doneAt ?? null,
  };
}
