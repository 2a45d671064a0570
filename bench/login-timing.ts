// npm run bench:login [-- --engine sqlite|mysql] [--runs 21]
// Median time of a refused sign-in for an unknown username, a wrong password, a locked account (right password) and
// a disabled account (right password), interleaved, against a demo database: they should not differ by more than noise
// (#14 item 5). The failure rows and counts are cleared between rounds so no limit or brake is measured.
import { IsNull, Not } from 'typeorm';
import { User } from '../src/identity/user.entity.js';
import { LoginFailure } from '../src/identity/login-failure.entity.js';
import { BENCH_PASSWORD, benchApp } from './support.js';

const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const engine = arg('engine', 'sqlite') as 'sqlite' | 'mysql';
const runs = Number(arg('runs', '21'));

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const median = (values: number[]) => [...values].sort((one, two) => one - two)[Math.floor(values.length / 2)];

const bench = await benchApp(engine, 'login_timing', 2, true);
try {
  const users = bench.dataSource.getRepository(User);
  const plain = await users.find({
    where: { secondFactor: false, service: false, regionId: Not(IsNull()) },
    order: { id: 'ASC' },
    take: 3,
  });
  const [wrongUser, lockedUser, disabledUser] = plain.map((user) => user.username);
  const cases: Record<string, { u: string; p: string }> = {
    unknown: { u: 'no_such_person', p: BENCH_PASSWORD },
    wrong: { u: wrongUser, p: 'Wrong#pass1' },
    locked: { u: lockedUser, p: BENCH_PASSWORD },
    disabled: { u: disabledUser, p: BENCH_PASSWORD },
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < runs + 1; round++) {
    await bench.dataSource.getRepository(LoginFailure).clear();
    await users.update({ username: wrongUser }, { failedLogins: 0, lockedUntil: null });
    await users.update({ username: lockedUser }, { lockedUntil: new Date(Date.now() + 3600_000) });
    await users.update({ username: disabledUser }, { disabled: true });
    for (const [name, variables] of Object.entries(cases)) {
      const start = performance.now();
      const res = await fetch(`${bench.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOGIN, variables }),
      });
      const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
      const took = performance.now() - start;
      if (body.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED') throw new Error(`${name}: ${JSON.stringify(body)}`);
      if (round > 0) times[name].push(took); // round 0 warms up
    }
  }
  console.log(`login refusals, ${engine}, median of ${runs} (ms):`);
  console.table(
    Object.fromEntries(
      Object.entries(times).map(([name, list]) => [
        name,
        { median: +median(list).toFixed(1), min: +Math.min(...list).toFixed(1), max: +Math.max(...list).toFixed(1) },
      ]),
    ),
  );
} finally {
  await bench.close();
}
