import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One urge (催办) of one assignment: by the town (its villages) or the task's department (the towns'
 * villages), at most once per assignment and platform day (the unique index decides a race).
 */
@Entity('urge')
@Index('uq_urge_assignment_day', ['assignmentId', 'day'], { unique: true })
@Index('idx_urge_task', ['taskId', 'day'])
export class Urge {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  taskId: number;

  @Column({ type: 'int' })
  assignmentId: number;

  @Column({ type: 'int' })
  regionId: number;

  @Column({ type: 'int' })
  townId: number;

  @Column({ type: 'int' })
  departmentId: number;

  /** The platform's calendar day (YYYY-MM-DD) of the urge: the rate limit's unit. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  urgedBy: number;

  /** TOWN_STAFF or DEPARTMENT_STAFF. */
  @Column({ type: 'varchar', length: 20 })
  urgerRole: string;

  @Column({ type: 'datetime' })
  urgedAt: Date;
}
