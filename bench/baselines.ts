// The floors the full stack is measured against: the same reads with the raw driver, behind a bare
// node:http handler and behind a bare Apollo Server 5 (standalone).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** The rows the raw reads select: current_fact and resident, as the drivers return them. */
interface FactRow {
  element_id: number;
  value: string | null;
  as_of: string;
  source: string;
  source_ref: string | null;
}
interface ResidentFactRow extends FactRow {
  subject_id: number;
}
interface PersonRow {
  id: number;
  id_hash: string;
  id_masked: string;
  village_id: number;
}

/** One autofill read: village values, residents by keyed hash, their values — 3 statements. */
export type RawReader = (villageId: number, villageElements: number[], hashes: string[], residentElements: number[]) => Promise<unknown>;

export function sqliteReader(file: string): RawReader {
  return async (villageId, ve, hashes, re) => {
    const db = await sqliteDb(file);
    const ph = (num: number) => Array(num).fill('?').join(',');
    const values = db
      .prepare(
        `SELECT element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'VILLAGE' AND subject_id = ? AND element_id IN (${ph(ve.length)})`,
      )
      .all(villageId, ...ve) as FactRow[];
    const people = db
      .prepare(`SELECT id, id_hash, id_masked, village_id FROM resident WHERE id_hash IN (${ph(hashes.length)})`)
      .all(...hashes) as PersonRow[];
    const ids = people.filter((person) => person.village_id === villageId).map((person) => person.id);
    const rv = ids.length
      ? (db
          .prepare(
            `SELECT subject_id, element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'RESIDENT' AND subject_id IN (${ph(ids.length)}) AND element_id IN (${ph(re.length)})`,
          )
          .all(...ids, ...re) as ResidentFactRow[])
      : [];
    return answer(villageId, values, hashes, people, rv);
  };
}
let sqliteCache: BetterSqlite3.Database | null = null;
async function sqliteDb(file: string) {
  if (!sqliteCache) {
    const Database = (await import('better-sqlite3')).default;
    sqliteCache = new Database(file, { readonly: true });
  }
  return sqliteCache;
}

export function mysqlReader(url: string): RawReader {
  let pool: Pool | null = null;
  return async (villageId, ve, hashes, re) => {
    pool ??= (await import('mysql2/promise')).createPool({ uri: url, connectionLimit: 20 });
    const ph = (num: number) => Array(num).fill('?').join(',');
    const [values] = await pool.execute<(FactRow & RowDataPacket)[]>(
      `SELECT element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'VILLAGE' AND subject_id = ? AND element_id IN (${ph(ve.length)})`,
      [villageId, ...ve],
    );
    const [people] = await pool.execute<(PersonRow & RowDataPacket)[]>(
      `SELECT id, id_hash, id_masked, village_id FROM resident WHERE id_hash IN (${ph(hashes.length)})`,
      hashes,
    );
    const ids = people.filter((person) => person.village_id === villageId).map((person) => person.id);
    const [rv] = ids.length
      ? await pool.execute<(ResidentFactRow & RowDataPacket)[]>(
          `SELECT subject_id, element_id, value, as_of, source, source_ref FROM current_fact WHERE subject_type = 'RESIDENT' AND subject_id IN (${ph(ids.length)}) AND element_id IN (${ph(re.length)})`,
          [...ids, ...re],
        )
      : [[] as ResidentFactRow[]];
    return answer(villageId, values, hashes, people, rv);
  };
}

/**
 * The answer autofill gives, in the same shape and size: every village value, and one row per
 * requested ID number in request order (also when a number repeats or is unknown), with its values.
 */
function answer(villageId: number, values: FactRow[], hashes: string[], people: PersonRow[], rv: ResidentFactRow[]) {
  const byHash = new Map(people.map((person) => [person.id_hash, person]));
  const bySubject = new Map<number, ResidentFactRow[]>();
  for (const item of rv) {
    const list = bySubject.get(item.subject_id);
    if (list) list.push(item);
    else bySubject.set(item.subject_id, [item]);
  }
  return {
    values: values.map((value) => ({ ...value, stale: false })),
    residents: hashes.map((hash) => {
      const value = byHash.get(hash);
      const known = !!value && value.village_id === villageId;
      return { idMasked: value?.id_masked ?? null, valid: true, known, values: known ? (bySubject.get(value.id) ?? []) : [] };
    }),
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
    req.on('data', (value) => (body += value));
    req.on('end', async () => {
      const { ids } = JSON.parse(body);
      const data = await read(job.villageId, job.villageElements, ids.map(job.hash), job.residentElements);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const typeDefs = `#graphql
  type Value { element_id: Int, value: String, as_of: String, source: String, source_ref: String, stale: Boolean }
  type RValue { element_id: Int, value: String, as_of: String, source: String }
  type Row { idMasked: String, valid: Boolean, known: Boolean, values: [RValue] }
  type Result { values: [Value], residents: [Row] }
  type Query { autofill(ids: [String!]!): Result }
`;

/** What the bench asks the bare Apollo server: the same fields autofill's bench query asks for. */
export const BARE_APOLLO_QUERY =
  'query($ids:[String!]!){ autofill(ids:$ids){ values { element_id value as_of source source_ref stale } residents { idMasked valid known values { element_id value as_of source } } } }';

export async function startBareApollo(read: RawReader, job: Job): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: {
        autofill: (_: unknown, { ids }: { ids: string[] }) =>
          read(job.villageId, job.villageElements, ids.map(job.hash), job.residentElements),
      },
    },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, close: () => server.stop() };
}

/**
 * The import's baseline: the rows an import of a resident file writes, with the raw driver — one
 * resident row per 7 facts (keyed hash, ciphertext, masked ID, birth date, gender, village; hashes
 * and ciphertexts made before the clock starts), `n` fact rows and their current rows — SQLite
 * prepared statements in one transaction, MySQL 2,000-row INSERTs in one transaction. Returns the
 * milliseconds it took.
 */
export async function rawImportInsert(
  engine: 'sqlite' | 'mysql',
  target: { sqlitePath?: string; url?: string },
  num: number,
  asOf: string,
  villageId: number,
): Promise<number> {
  const people = Math.ceil(num / 7);
  const salt = `raw:${process.hrtime.bigint()}:`;
  const residents = Array.from({ length: people }, (_, i) => [
    createHash('sha256')
      .update(salt + i)
      .digest('hex'),
    createHash('sha512')
      .update(salt + i)
      .digest('base64')
      .slice(0, 64),
    `420683********${String(i % 10000).padStart(4, '0')}`,
    '1980-01-01',
    i % 2 ? '男' : '女',
    villageId,
  ]);
  const fact = (subjectId: number, i: number) => ['RESIDENT', subjectId, 1 + (i % 7), `value ${i}`, asOf, 'IMPORT', 'raw'];
  const sql = 'INSERT INTO resident (id_hash, id_cipher, id_masked, birth_date, gender, village_id) VALUES';
  const sql2 = 'INSERT INTO fact (subject_type, subject_id, element_id, value, as_of, source, source_ref) VALUES';
  const sqlC = 'INSERT INTO current_fact (subject_type, subject_id, element_id, value, as_of, source, source_ref, fact_id) VALUES';
  if (engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(target.sqlitePath!);
    db.pragma('cache_size = -65536');
    const t0 = Date.now();
    const stmt = db.prepare(`${sql} (?,?,?,?,?,?)`);
    const statement = db.prepare(`${sql2} (?,?,?,?,?,?,?)`);
    const stmtC = db.prepare(`${sqlC} (?,?,?,?,?,?,?,?)`);
    db.transaction(() => {
      let subject = 0;
      for (let i = 0; i < num; i++) {
        if (i % 7 === 0) subject = Number(stmt.run(...residents[i / 7]).lastInsertRowid);
        const row = fact(subject, i);
        stmtC.run(...row, Number(statement.run(...row).lastInsertRowid));
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
  for (let value = 0; value < people; value += 2000) {
    const batch = residents.slice(value, value + 2000);
    const [res] = await conn.query<ResultSetHeader>(`${sql} ?`, [batch]);
    const facts: unknown[][] = [];
    for (let k = 0; k < batch.length; k++)
      for (let item = 0; item < 7 && (value + k) * 7 + item < num; item++) facts.push(fact(res.insertId + k, (value + k) * 7 + item));
    for (let i = 0; i < facts.length; i += 2000) {
      const chunk = facts.slice(i, i + 2000);
      const [fr] = await conn.query<ResultSetHeader>(`${sql2} ?`, [chunk]);
      await conn.query(`${sqlC} ?`, [chunk.map((row, k) => [...row, fr.insertId + k])]);
    }
  }
  await conn.commit();
  const ms = Date.now() - t0;
  await conn.end();
  return ms;
}
