import 'reflect-metadata';
import { AUDIT_WRITER_PROVIDERS } from '../audit/audit.module.js';
import { CacheStamps } from '../common/cache-stamps.js';
import { KeyCheckError, KeyringService } from '../crypto/keyring.service.js';
import { existsSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ConfigError, loadConfig, type AppConfig } from '../config/config.js';
import { setPlatformTimeZone } from '../common/platform-time.js';
import { createPino, PinoNestLogger } from '../common/logger.js';
import { openDataSource, pendingMigrations } from '../schema/schema.js';
import { authUserOf, Role } from '../common/auth-user.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../identity/user.entity.js';
import { FactsService } from '../records/facts.service.js';
import { ImportAttemptsService } from '../records/import-attempts.service.js';
import { ImportService } from '../records/import.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { PiiService } from '../records/pii.service.js';
import { ResidentsService } from '../records/residents.service.js';

/**
 * Only what an import calls (the same services the server uses, wired by Nest): no HTTP, GraphQL
 * or other modules to load (start-up here 2.3 → 1.8 s).
 */
@Module({})
class ImportCliModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: ImportCliModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        TransactionService,
        CacheStamps,
        ...AUDIT_WRITER_PROVIDERS,
        AuditService,
        CatalogService,
        RegionsService,
        KeyringService,
        PiiService,
        FactsService,
        ResidentsService,
        ImportAttemptsService,
        ImportService,
      ],
    };
  }
}

const USAGE = '用法：npm run import -- 文件.xlsx|文件.csv [--dry-run] [--as-of YYYY-MM-DD]';

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let dryRun = false;
  let asOf: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dry-run') dryRun = true;
    else if (args[i] === '--as-of') asOf = args[++i];
    else if (args[i].startsWith('--as-of=')) asOf = args[i].slice(8);
    else if (args[i] === '-h' || args[i] === '--help') fail(USAGE);
    else if (!file) file = args[i];
    else fail(`多余的参数：${args[i]}\n${USAGE}`);
  }
  if (!file) fail(USAGE);
  if (!existsSync(file)) fail(`文件不存在：${file}`);
  let config;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  setPlatformTimeZone(config.timeZone);
  const log = createPino(config.logLevel);
  const opened = await openDataSource(config, log);
  if ((await pendingMigrations(opened.dataSource)).length) {
    if (config.db.kind !== 'sqlite') fail('数据库有迁移尚未执行，请先运行 npm run migrate');
    await opened.dataSource.runMigrations({ transaction: 'each' });
  }
  const app = await NestFactory.createApplicationContext(ImportCliModule.register(config, opened.dataSource), {
    logger: new PinoNestLogger(log),
  });
  try {
    await app.get(KeyringService).open();
  } catch (err) {
    if (err instanceof KeyCheckError) fail(err.message);
    throw err;
  }
  const admin = await opened.dataSource.getRepository(User).findOne({ where: { role: Role.ADMIN, disabled: false }, order: { id: 'ASC' } });
  const ctx = RequestContext.system(admin ? authUserOf(admin) : null);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  const report = await app.get(ImportService).importFile(ctx, file, {
    fileName: file,
    dryRun,
    asOf,
    onProgress: ({ rowsRead, rowsWritten, rowsRefused }) => {
      const value = (Date.now() - started) / 1000;
      process.stderr.write(
        `${tty ? '\r' : ''}已读取 ${rowsRead} 行，${dryRun ? '可写入' : '已写入'} ${rowsWritten} 行，有问题 ${rowsRefused} 行，${Math.round(rowsRead / Math.max(value, 0.001))} 行/秒${tty ? '' : '\n'}`,
      );
    },
  });
  if (tty) process.stderr.write('\n');
  const out = process.stdout;
  out.write(
    [
      `${dryRun ? '【试运行，未写入】' : ''}${report.kind === 'RESIDENT' ? '居民数据' : '村级数据'}：共 ${report.totalRows} 行，导入 ${report.importedRows} 行，错误 ${report.errorRows} 行，重复 ${report.duplicateRows} 行`,
      `新增历史数据 ${report.factsAdded} 条，已有未重复写入 ${report.factsUnchanged} 条，新建居民 ${report.residentsCreated} 人；耗时 ${report.durationMs} 毫秒${report.batchId && !dryRun ? `；批次 #${report.batchId}` : ''}`,
      ...report.notices,
      ...(report.ignoredColumns.length ? [`已忽略的列：${report.ignoredColumns.join('、')}`] : []),
      ...report.errors.slice(0, 50).map((error) => `  第 ${error.row} 行${error.column ? `【${error.column}】` : ''}：${error.reason}`),
      ...(report.errorCount > 50
        ? [
            report.batchId && !dryRun
              ? `  ……共 ${report.errorCount} 个错误，完整报告见网页“数据导入”中的批次 ${report.batchId}（GraphQL importBatch(id: ${report.batchId})）`
              : `  ……共 ${report.errorCount} 个错误；试运行不保存报告，正式导入后可在网页“数据导入”中查看全部错误`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  await app.close();
  if (opened.dataSource.isInitialized) await opened.dataSource.destroy();
}

main().catch((err) => {
  process.stderr.write(`导入失败：${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
