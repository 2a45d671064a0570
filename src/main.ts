import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, parseClusterWorkers, type AppConfig } from './config/config.js';
import { createPino } from './common/logger.js';
import { createApp, migrationGate, openDataSource } from './app.factory.js';
import { DemoService } from './demo/demo.service.js';

function fail(line: string): never {
  process.stderr.write(`启动失败：${line}\n`);
  process.exit(1);
}

/**
 * One process, or the primary of a cluster: opens the database, migrates the embedded one and loads
 * the demo into an empty one — once, before any worker starts. `serve`: this process then listens.
 */
async function prepare(config: AppConfig, log: Logger, serve: boolean) {
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
  if (!serve && config.db.kind !== 'sqlite') {
    await opened.dataSource.destroy();
    return;
  }
  // The primary of a cluster builds the app only to load the demo (no GraphQL schema), then closes it.
  const { app } = await createApp(config, { log, ...opened, graphql: serve ? undefined : false });
  if (config.db.kind === 'sqlite') {
    const demo = app.get(DemoService);
    if (await demo.isEmpty()) {
      const result = await demo.load({ password: config.demoPassword });
      process.stdout.write(demo.describeAccounts(result));
    }
  }
  if (!serve) {
    await app.close();
    if (opened.dataSource.isInitialized) await opened.dataSource.destroy();
    return;
  }
  await app.listen(config.port);
  return app;
}

/** A worker of a cluster: the database is ready (the primary saw to it); it serves on the shared port. */
async function worker(config: AppConfig, log: Logger) {
  const opened = await openDataSource(config, log);
  const { app } = await createApp(config, { log, ...opened });
  await app.listen(config.port);
}

/**
 * The primary: forks `count` workers that share the port (the primary hands out connections in turn),
 * replaces one that dies, and on SIGTERM/SIGINT stops them all (each closes as a single server does)
 * before it exits. A worker that dies within 10 s of its start twice in a row stops the cluster: a
 * server that cannot start is not restarted forever.
 */
function primary(config: AppConfig, log: Logger, count: number) {
  let stopping = false;
  let quickDeaths = 0;
  const started = new Map<number, number>();
  const fork = () => {
    const child = cluster.fork();
    started.set(child.id, Date.now());
    return child;
  };
  cluster.on('exit', (child: Worker, code, signal) => {
    const lived = Date.now() - (started.get(child.id) ?? 0);
    started.delete(child.id);
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    log.error({ worker: child.id, pid: child.process.pid, code, signal, livedMs: lived }, 'cluster worker exited; starting another');
    quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0;
    if (quickDeaths >= 2) {
      process.stderr.write('启动失败：服务进程启动后随即退出（连续两次），集群已停止，请查看上面的错误\n');
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(1);
      return;
    }
    fork();
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === count)
      process.stdout.write(
        `OneTable 已启动：GraphQL http://localhost:${config.port}/graphql （数据库：${config.db.kind}，${count} 个服务进程）\n`,
      );
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (!workers.length) process.exit(0);
    for (const child of workers) child?.process.kill(signal);
    // A worker that does not finish closing in time is ended.
    setTimeout(() => {
      for (const child of Object.values(cluster.workers ?? {})) child?.process.kill('SIGKILL');
    }, 15_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let num = 0; num < count; num++) fork();
}

async function main() {
  let config: AppConfig;
  let workers: number;
  try {
    config = loadConfig();
    workers = parseClusterWorkers(process.env, availableParallelism());
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  if (cluster.isWorker) {
    // Every line of a worker names it, so an operator can tell the processes apart in one log.
    return worker(config, createPino(config.logLevel).child({ worker: cluster.worker!.id, pid: process.pid }));
  }
  const log = createPino(config.logLevel);
  if (workers === 1) {
    await prepare(config, log, true);
    process.stdout.write(`OneTable 已启动：GraphQL http://localhost:${config.port}/graphql （数据库：${config.db.kind}）\n`);
    return;
  }
  await prepare(config, log, false);
  primary(config, log, workers);
}

main().catch((err) => {
  process.stderr.write(`启动失败：${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
