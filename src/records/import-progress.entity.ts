import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const epochMs = { to: (value: number | null) => value, from: (value: string | number | null) => (value == null ? null : Number(value)) };

/**
 * 导入进度 on MySQL: the figures of a running import, written outside its transaction (autocommit, at most a few
 * times a second) so the uploader's polling sees them from whichever server process answers. On SQLite the
 * import's transaction holds the database, so the figures go to files beside it (import-progress.ts).
 */
@Entity('import_progress')
@Index('ux_import_progress_key', ['userId', 'progressKey'], { unique: true })
export class ImportProgressRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 64 })
  progressKey: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'boolean', default: false })
  dryRun: boolean;

  @Column({ type: 'bigint', transformer: epochMs })
  startedMs: number;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  doneMs: number | null;

  @Column({ type: 'int', default: 0 })
  rowsRead: number;

  @Column({ type: 'int', default: 0 })
  rowsWritten: number;

  @Column({ type: 'int', default: 0 })
  rowsRefused: number;
}
