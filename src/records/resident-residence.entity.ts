import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One record of where a resident lived, as of a date (a file's row or an accepted form). The history:
 * `resident.village_id` is the newest of these, and an older record only adds a line here.
 */
@Entity('resident_residence')
@Index('uq_resident_residence', ['residentId', 'villageId', 'asOf'], { unique: true })
export class ResidentResidence {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  residentId: number;

  @Column({ type: 'int' })
  villageId: number;

  /** YYYY-MM-DD: the date the record stands for. */
  @Column({ type: 'varchar', length: 10 })
  asOf: string;

  /** What said so: `import_batch:N` or `submission:N`. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceRef: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;
}
