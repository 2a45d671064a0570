import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDataSource, pendingMigrations } from '../schema/schema.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main() {
  const config = loadConfig();
  const { dataSource } = await openDataSource(config);
  const pending = await pendingMigrations(dataSource);
  if (!pending.length) process.stdout.write('数据库已是最新，没有待执行的迁移\n');
  else {
    await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(`已执行 ${pending.length} 个迁移：\n${pending.map((text) => `  ${text}`).join('\n')}\n`);
  }
  await dataSource.destroy();
}

main().catch((err) => {
  process.stderr.write(`迁移失败：${err instanceof ConfigError ? err.message : String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
