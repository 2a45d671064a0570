import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { createPino } from './common/logger.js';
import { createApp, migrationGate, openDataSource } from './app.factory.js';
import { DemoService } from './demo/demo.service.js';

function fail(line: string): never {
  process.stderr.write(`启动失败：${line}\n`);
  process.exit(1);
}

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const log = createPino(config.logLevel);
  let opened;
  try {
    opened = await openDataSource(config, log);
  } catch (error) {
    const err = error as { code?: unknown; message?: unknown } | null | undefined;
    fail(`无法连接数据库（${config.db.kind}）：${err?.code ?? ''} ${String(err?.message ?? error).split('\n')[0]}`);
  }
  const gate = await migrationGate(config, opened.dataSource);
  if (gate.refusal) {
    await opened.dataSource.destroy();
    fail(gate.refusal);
  }
  if (gate.applied.length) log.info({ applied: gate.applied }, 'migrations applied to the embedded database');
  const { app } = await createApp(config, { log, ...opened });
  if (config.db.kind === 'sqlite') {
    const demo = app.get(DemoService);
    if (await demo.isEmpty()) {
      const result = await demo.load({ password: config.demoPassword });
      process.stdout.write(demo.describeAccounts(result));
    }
  }
  await app.listen(config.port);
  process.stdout.write(`OneTable 已启动：GraphQL http://localhost:${config.port}/graphql （数据库：${config.db.kind}）\n`);
}

main().catch((err) => {
  process.stderr.write(`启动失败：${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
