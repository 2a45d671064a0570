import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import type { AppConfig } from '../config/config.js';
import { openDatabase, pendingMigrations } from '../database/open.js';
import type { QueryCounter } from '../database/query-counter.js';
import { ENTITIES } from './entities.js';

/**
 * The app's schema: every module's entities and the migrations that create their tables. It sits at the
 * top of the house (it names every module); database/ below it holds the engine-level helpers and
 * names no module.
 */
export const SCHEMA = { entities: ENTITIES, migrations: MIGRATIONS };

/** Opens the app's database (entities and migrations of every module); app, CLI and tests come through here. */
export function openDataSource(config: AppConfig, log?: Logger): Promise<{ dataSource: DataSource; queryCounter: QueryCounter }> {
  return openDatabase(config, SCHEMA, log);
}

export { pendingMigrations };
