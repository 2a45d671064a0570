import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDataSource, pendingMigrations } from '../schema/schema.js';
import { RollupService } from '../rollups/rollup.service.js';
import { setPlatformTimeZone } from '../common/platform-time.js';

/**
 * `npm run rollups [-- --rebuild]`: checks that the dashboard rollups agree with the assignments
 * and submissions they count (exit 1 and the first differences if not); `--rebuild` recomputes
 * them, in one transaction — after data was loaded or corrected with SQL, bypassing the services.
 */
async function main() {
  const config = loadConfig();
  // The fills' month rollup is keyed by platform-time months.
  setPlatformTimeZone(config.timeZone);
  const { dataSource } = await openDataSource(config);
  const pending = await pendingMigrations(dataSource);
  if (pending.length) {
    await dataSource.destroy();
    throw new Error(`有 ${pending.length} 个迁移尚未执行，请先运行 npm run migrate`);
  }
  const rollups = new RollupService(dataSource);
  if (process.argv.includes('--rebuild')) {
    const t0 = Date.now();
    await dataSource.transaction((em) => rollups.rebuild(em));
    process.stdout.write(`看板汇总表已重算（${((Date.now() - t0) / 1000).toFixed(1)} 秒）\n`);
  }
  const drift = await rollups.drift();
  await dataSource.destroy();
  if (!drift.length) {
    process.stdout.write('看板汇总表与填报数据一致\n');
    return;
  }
  process.stdout.write(
    `看板汇总表有 ${drift.length} 行与填报数据不一致（存储值 → 重算值；用 --rebuild 重算）：\n${drift
      .slice(0, 20)
      .map((text) => `  ${text}`)
      .join('\n')}\n`,
  );
  process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`检查失败：${err instanceof ConfigError ? err.message : String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
