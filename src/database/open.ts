import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { dataSourceOptions, detectMysqlFlavor, type SchemaParts } from './data-source-options.js';
import { QueryCounter } from './query-counter.js';

export async function openDatabase(
  config: AppConfig,
  schema: SchemaParts,
  log?: Logger,
): Promise<{ dataSource: DataSource; queryCounter: QueryCounter }> {
  const queryCounter = new QueryCounter(log);
  config.db = await detectMysqlFlavor(config.db);
  const dataSource = new DataSource(dataSourceOptions(config.db, schema, queryCounter));
  await dataSource.initialize();
  return { dataSource, queryCounter };
}

export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const executed = new Set<string>();
  const hasTable = await ds.createQueryRunner().hasTable('migrations');
  if (hasTable) for (const row of await ds.query('SELECT name FROM migrations')) executed.add(row.name);
  return ds.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((text) => !executed.has(text));
}
