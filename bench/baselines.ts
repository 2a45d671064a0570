// The floors the full stack is measured against: the same reads with the raw driver, behind a bare
// node:http handler and behind a bare Apollo Server 5 (standalone).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/** One autofill read: village values, residents by keyed hash, their values — 3 statements. */
export type RawReader = (villageId: number, villageElements: number[], hashes: string[], residentElements: number[]) => Promise<unknown>;

export function sqliteReader(file: string): RawReader {
  return async (villageId, ve, hashes, re) => {
    const db = await sqliteDb(file);
    const ph = (n: number) => Array(n).fill('?').join(',');
    const values = db.prepare(`SELECT element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'VILLAGE' AND subject_id = ? AND element_id IN (${ph(ve.length)})`).all(villageId, ...ve);
    const people: any[] = db.prepare(`SELECT id, id_masked, village_id FROM resident WHERE id_hash IN (${ph(hashes.length)})`).all(...hashes);
    const ids = people.filter((p) => p.village_id === villageId).map((p) => p.id);
    const rv = ids.length
      ? db.prepare(`SELECT subject_id, element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'RESIDENT' AND subject_id IN (${ph(ids.length)}) AND element_id IN (${ph(re.length)})`).all(...ids, ...re)
      : [];
    return { values, residents: people.map((p) => ({ idMasked: p.id_masked, values: (rv as any[]).filter((v) => v.subject_id === p.id) })) };
  };
}
let sqliteCache: any = null;
async function sqliteDb(file: string) {
  if (!sqliteCache) {
    const Database = (await import('better-sqlite3')).default;
    sqliteCache = new Database(file, { readonly: true });
  }
  return sqliteCache;
}

export function mysqlReader(url: string): RawReader {
  let pool: any = null;
  return async (villageId, ve, hashes, re) => {
    if (!pool) pool = (await import('mysql2/promise')).createPool({ uri: url, connectionLimit: 20 });
    const ph = (n: number) => Array(n).fill('?').join(',');
    const [values] = await pool.execute(`SELECT element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'VILLAGE' AND subject_id = ? AND element_id IN (${ph(ve.length)})`, [villageId, ...ve]);
    const [people]: any = await pool.execute(`SELECT id, id_masked, village_id FROM resident WHERE id_hash IN (${ph(hashes.length)})`, hashes);
    const ids = people.filter((p: any) => p.village_id === villageId).map((p: any) => p.id);
    const [rv]: any = ids.length
      ? await pool.execute(`SELECT subject_id, element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'RESIDENT' AND subject_id IN (${ph(ids.length)}) AND element_id IN (${ph(re.length)})`, [...ids, ...re])
      : [[]];
    return { values, residents: people.map((p: any) => ({ idMasked: p.id_masked, values: rv.filter((v: any) => v.subject_id === p.id) })) };
  };
}

export interface Job {
  villageId: number;
  villageElements: number[];
  residentElements: number[];
  hash: (id: string) => string;
}

/** POST { ids: [...] } → the same data as autofill. */
export async function startBareHttp(read: RawReader, job: Job): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { ids } = JSON.parse(body);
      const data = await read(job.villageId, job.villageElements, ids.map(job.hash), job.residentElements);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const typeDefs = `#graphql
  type Value { element_id: Int, value: String, as_of: String, source: String, source_ref: String }
  type RValue { subject_id: Int, element_id: Int, value: String, as_of: String, source: String, source_ref: String }
  type Row { idMasked: String, values: [RValue] }
  type Result { values: [Value], residents: [Row] }
  type Query { autofill(ids: [String!]!): Result }
`;

export async function startBareApollo(read: RawReader, job: Job): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new ApolloServer({
    typeDefs,
    resolvers: { Query: { autofill: (_: unknown, { ids }: { ids: string[] }) => read(job.villageId, job.villageElements, ids.map(job.hash), job.residentElements) } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, close: () => server.stop() };
}

/**
 * The import's baseline: `n` fact rows and their current rows (7 elements per subject, subjects
 * from `subjectBase`), with the raw driver — SQLite prepared statements in one transaction, MySQL
 * 2,000-row INSERTs in one transaction. Returns the milliseconds it took.
 */
export async function rawFactInsert(engine: 'sqlite' | 'mysql', target: { sqlitePath?: string; url?: string }, n: number, subjectBase: number, asOf: string): Promise<number> {
  const row = (i: number) => ['RESIDENT', subjectBase + Math.floor(i / 7), 1 + (i % 7), `v${i}`, asOf, 'IMPORT', 'raw'];
  if (engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(target.sqlitePath!);
    db.pragma('cache_size = -65536');
    const t0 = Date.now();
    const f = db.prepare('INSERT INTO fact (subject_type, subject_id, element_id, value, as_of, source, source_ref) VALUES (?,?,?,?,?,?,?)');
    const c = db.prepare('INSERT INTO current_fact (subject_type, subject_id, element_id, value, as_of, source, source_ref, fact_id) VALUES (?,?,?,?,?,?,?,?)');
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const r = row(i);
        c.run(...r, Number(f.run(...r).lastInsertRowid));
      }
    })();
    const ms = Date.now() - t0;
    db.close();
    return ms;
  }
  const { createConnection } = await import('mysql2/promise');
  const conn = await createConnection(target.url!);
  const t0 = Date.now();
  await conn.beginTransaction();
  for (let i = 0; i < n; i += 2000) {
    const chunk = Array.from({ length: Math.min(2000, n - i) }, (_, k) => row(i + k));
    const [res]: any = await conn.query('INSERT INTO fact (subject_type, subject_id, element_id, value, as_of, source, source_ref) VALUES ?', [chunk]);
    await conn.query('INSERT INTO current_fact (subject_type, subject_id, element_id, value, as_of, source, source_ref, fact_id) VALUES ?', [chunk.map((r, k) => [...r, res.insertId + k])]);
  }
  await conn.commit();
  const ms = Date.now() - t0;
  await conn.end();
  return ms;
}
