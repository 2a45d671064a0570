// Issue #18 item 3: CLUSTER_WORKERS=2 runs two server processes behind one port (node:cluster). The compiled server on
// a fresh database: the primary migrates and seeds once before forking, requests are answered by both workers (told
// apart by the worker pid every log line of a worker carries), and SIGTERM to the primary ends every worker.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { ENGINE, freshDatabase, startTestApp } from './support/harness.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';

/** One POST /graphql on a connection of its own (no keep-alive), so the primary hands each to the next worker. */
const ask = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: '{ __typename }' }));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('CLUSTER_WORKERS=2: two server processes behind one port', () => {
  let place: Awaited<ReturnType<typeof freshDatabase>>;
  let server: ServerProcess | undefined;
  let out = '';
  const lines = () =>
    out
      .split('\n')
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as { msg?: string; pid?: number; worker?: number; applied?: string[] });

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit', timeout: 240_000 });
    place = await freshDatabase('cluster');
    // MySQL is migrated by the operator before the start (npm run migrate); the embedded database by the server itself.
    if (ENGINE === 'mysql') await (await startTestApp('cluster', { database: place, demo: false })).close();
  }, 300_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await place?.drop();
  });

  it('migrates and seeds once, answers from both workers, and SIGTERM ends them all', async () => {
    server = await spawnServer(place, { CLUSTER_WORKERS: '2', LOG_LEVEL: 'info' }, (text) => (out += text));
    // Both workers listening: the primary says so once all have started.
    for (let waited = 0; !out.includes('2 个服务进程'); waited += 100) {
      if (waited > 20_000) throw new Error(`the cluster did not report two workers:\n${out.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let num = 0; num < 12; num++) expect(await ask(server.url)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the last log lines
    const answered = lines().filter((line) => line.msg === 'request completed');
    expect(answered).toHaveLength(12);
    const pids = [...new Set(answered.map((line) => line.pid!))];
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(server.pid);
    for (const pid of pids) expect(answered.filter((line) => line.pid === pid).length).toBeGreaterThanOrEqual(3);

    if (ENGINE === 'sqlite') {
      // Migrated and seeded by the primary alone, before any worker started.
      const migrated = lines().filter((line) => line.msg === 'migrations applied to the embedded database');
      expect(migrated).toHaveLength(1);
      expect(migrated[0].worker).toBeUndefined();
      expect(out.split('已载入演示数据').length - 1).toBe(1);
    } else {
      expect(lines().some((line) => line.msg === 'migrations applied to the embedded database')).toBe(false);
    }

    const started = Date.now();
    await server.stop('SIGTERM');
    expect(server.child.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  }, 200_000);
});
