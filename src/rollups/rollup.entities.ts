import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Dashboard rollups: running totals of the assignment and submission tables, kept by
 * RollupService in the same transaction as every state change (task dispatch, save, submit,
 * accept, return). City, town and department dashboards read these instead of scanning millions
 * of assignments; a village's own dashboard reads its few assignments directly.
 */

/** Per task and town: progress by status, on-time submissions and autofill counts of its fills. */
@Entity('rollup_task_town')
@Index('idx_rollup_task_town_due', ['dueAt', 'townId', 'departmentId'])
@Index('idx_rollup_task_town_town', ['townId', 'dueAt'])
@Index('idx_rollup_task_town_department', ['departmentId', 'dueAt'])
export class TaskTownRollup {
  @PrimaryColumn({ type: 'int' })
  taskId: number;

  @PrimaryColumn({ type: 'int' })
  townId: number;

  @Column({ type: 'int' })
  departmentId: number;

  @Column({ type: 'int' })
  formId: number;

  /** The task's due time: every assignment of a task carries it. */
  @Column({ type: 'datetime' })
  dueAt: Date;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  notStarted: number;

  @Column({ type: 'int', default: 0 })
  draft: number;

  @Column({ type: 'int', default: 0 })
  submitted: number;

  @Column({ type: 'int', default: 0 })
  returned: number;

  @Column({ type: 'int', default: 0 })
  accepted: number;

  /** Assignments with a submission time (submitted at least once). */
  @Column({ type: 'int', default: 0 })
  submittedEver: number;

  /** … of which the (last) submission came before the due time. */
  @Column({ type: 'int', default: 0 })
  onTime: number;

  /** Field counts of submitted and accepted fills: autofilled and kept, autofilled then changed, typed. */
  @Column({ type: 'int', default: 0 })
  kept: number;

  @Column({ type: 'int', default: 0 })
  changed: number;

  @Column({ type: 'int', default: 0 })
  typed: number;
}

/** Per month of submission, town and department: autofill counts (for the monthly trend). */
@Entity('rollup_fill_month')
@Index('idx_rollup_fill_month_town', ['townId', 'month'])
@Index('idx_rollup_fill_month_department', ['departmentId', 'month'])
export class FillMonthRollup {
  /** YYYY-MM (UTC) of the submission. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @PrimaryColumn({ type: 'int' })
  townId: number;

  @PrimaryColumn({ type: 'int' })
  departmentId: number;

  @Column({ type: 'int', default: 0 })
  kept: number;

  /** Autofilled then changed, plus typed. */
  @Column({ type: 'int', default: 0 })
  other: number;
}

/** Per village (or town, for town-level forms), department and year of the due date: the burden. */
// Keyed year first: the city-wide ranking reads one year's rows in village order (MySQL's clustered key).
@Entity('rollup_village_year')
@Index('idx_rollup_village_year_town', ['year', 'townId'])
@Index('idx_rollup_village_year_department', ['year', 'departmentId'])
export class VillageYearRollup {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'int' })
  regionId: number;

  @PrimaryColumn({ type: 'int' })
  departmentId: number;

  @Column({ type: 'int' })
  townId: number;

  @Column({ type: 'int', default: 0 })
  fillsDue: number;

  @Column({ type: 'int', default: 0 })
  typed: number;

  @Column({ type: 'int', default: 0 })
  kept: number;
}

/** Per month (platform time) a work order was sent to a village, village and department: the orders' burden. */
@Entity('rollup_order_village_month')
@Index('idx_rollup_order_village_month_town', ['townId', 'month'])
@Index('idx_rollup_order_village_month_village', ['villageId', 'month'])
export class OrderVillageMonthRollup {
  /** YYYY-MM (platform time) of sending (派发). */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @PrimaryColumn({ type: 'int' })
  villageId: number;

  @PrimaryColumn({ type: 'int' })
  departmentId: number;

  @Column({ type: 'int' })
  townId: number;

  /** Orders sent to the village. */
  @Column({ type: 'int', default: 0 })
  orders: number;

  /** … received (接收). */
  @Column({ type: 'int', default: 0 })
  received: number;

  /** … received more than a day after sending. */
  @Column({ type: 'int', default: 0 })
  receivedLate: number;

  /** … reported done (办结). */
  @Column({ type: 'int', default: 0 })
  done: number;
}
