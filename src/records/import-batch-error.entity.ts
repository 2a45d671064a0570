import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One error of an import batch, every one of them kept (the upload's answer shows only the first few).
 * The refused row's original cells are stored encrypted (they hold ID numbers), on its first error only;
 * a repeated row (imported once already) keeps none: the error workbook lists the rows still to fix.
 */
@Entity('import_batch_error')
@Index('idx_import_batch_error_batch', ['batchId', 'rowNo'])
export class ImportBatchError {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  batchId: number;

  /** The row's number in the file (header included, from 1). */
  @Column({ type: 'int' })
  rowNo: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  columnName: string | null;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  /** AES-GCM (PiiCrypto) of the JSON array of the row's cells as read. */
  @Column({ type: 'text', nullable: true })
  cellsCipher: string | null;
}
