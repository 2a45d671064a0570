import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { createApp, openDataSource, pendingMigrations } from '../app.factory.js';
import { DemoService } from '../demo/demo.service.js';

/** `npm run demo:load [-- --villages N] [-- --base]`: the demo data set into an empty, migrated database. */
async function main() {
  const args = process.argv.slice(2);
  const villagesArg = args.indexOf('--villages');
  const villages = villagesArg >= 0 ? Number(args[villagesArg + 1]) : undefined;
  const config = loadConfig();
  const opened = await openDataSource(config);
  const pending = await pendingMigrations(opened.dataSource);
  if (pending.length) throw new Error(`有 ${pending.length} 个迁移尚未执行，请先运行 npm run migrate`);
  const { app } = await createApp(config, opened);
  await app.init();
  const demo = app.get(DemoService);
  if (!(await demo.isEmpty())) throw new Error('数据库中已有区划数据；演示数据只能载入空库');
  const run = await demo.load({ password: config.demoPassword, villages, full: !args.includes('--base') });
  process.stdout.write(demo.describeAccounts(run));
  await app.close();
}

main().catch((err) => {
  process.stderr.write(`载入演示数据失败：${err instanceof ConfigError ? err.message : String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
