// Province-scale shared database for the autofill bench: residents with ten facts each in three
// historical versions (as of 2022, 2023 and 2024 year-end), written with the raw driver in bulk —
// the same rows an import would write (keyed hash, AES-GCM ciphertext, masked ID; fact history plus
// current values pointing at the latest fact), only faster to generate. Villages get their history
// through the real import path.
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { Rng } from '../src/common/rng.js';
import { maskIdNumber } from '../src/common/id-number.js';
import type { PiiService } from '../src/records/pii.service.js';
import { syntheticId } from '../src/records/synthetic.js';

/** The n-th bench resident's ID number (offset past the demo's own synthetic residents). */
export const provinceId = (num: number) => syntheticId(2_000_000 + num);

const DATES = ['2022-12-31', '2023-12-31', '2024-12-31'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红梅文德福生春海云峰成祥'];
const VALUES: Record<string, (rng: Rng, num: number) => string> = {
  'resident.name': (rng) => rng.pick(SURNAMES) + rng.pick(GIVEN) + rng.pick(GIVEN),
  'resident.ethnicity': (rng) => (rng.chance(0.9) ? '汉族' : rng.pick(['回族', '满族', '土家族', '苗族'])),
  'resident.phone': (rng) => `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
  'resident.household_address': (rng, num) => `湖北省枣阳市第${(num % 40) + 1}村民小组${rng.int(1, 300)}号`,
  'resident.relation_to_head': (rng) => rng.pick(['户主', '配偶', '子女', '父母', '孙子女']),
  'resident.dibao': (rng) => (rng.chance(0.06) ? 'true' : 'false'),
  'resident.education': (rng) => rng.pick(['小学及以下', '初中', '高中/中专', '大专', '本科及以上']),
  'resident.political_status': (rng) => rng.pick(['群众', '群众', '群众', '共青团员', '中共党员']),
  'resident.marital_status': (rng) => rng.pick(['未婚', '已婚', '已婚', '离异', '丧偶']),
  'resident.employment': (rng) => rng.pick(['务农', '外出务工', '本地就业', '个体经营', '在校学生', '无业', '退休']),
};
export const PROVINCE_RESIDENT_CODES = Object.keys(VALUES);

interface Sink {
  rows(table: string, cols: string[], rows: unknown[][]): Promise<void>;
  done(): Promise<void>;
}

async function sinkFor(ds: DataSource, sqlitePath: string | undefined): Promise<Sink> {
  if (sqlitePath) {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(sqlitePath);
    db.pragma('cache_size = -262144');
    db.pragma('synchronous = OFF');
    const stmts = new Map<string, BetterSqlite3.Statement>();
    return {
      async rows(table, cols, rows) {
        const key = `${table}|${cols}`;
        let st = stmts.get(key);
        if (!st) {
          st = db.prepare(`INSERT INTO "${table}" (${cols.map((col) => `"${col}"`).join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
          stmts.set(key, st);
        }
        db.transaction(() => {
          for (const row of rows) st.run(...row);
        })();
      },
      async done() {
        db.close();
      },
    };
  }
  const qr = ds.createQueryRunner();
  await qr.connect();
  await qr.query('SET unique_checks = 0');
  return {
    async rows(table, cols, rows) {
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = rows.slice(i, i + 2000);
        await qr.query(
          `INSERT INTO \`${table}\` (${cols.map((col) => `\`${col}\``).join(',')}) VALUES ${chunk.map((item) => `(${item.map(() => '?').join(',')})`).join(',')}`,
          chunk.flat(),
        );
      }
    },
    async done() {
      await qr.query('SET unique_checks = 1');
      await qr.release();
    },
  };
}

/**
 * Adds `perVillage` residents to each village (in the given order; resident n of village v has
 * provinceId(v * perVillage + n)), ten facts each in three versions. Returns the counts written.
 */
export async function seedResidents(
  ds: DataSource,
  sqlitePath: string | undefined,
  pii: PiiService,
  villages: { id: number }[],
  perVillage: number,
  log: (text: string) => void,
): Promise<{ residents: number; facts: number; current: number; ms: number }> {
  const t0 = Date.now();
  const els = new Map<string, number>(
    (await ds.query('SELECT id, code FROM data_element')).map((row: { id: number | string; code: string }) => [row.code, Number(row.id)]),
  );
  const elementIds = PROVINCE_RESIDENT_CODES.map((provinceResidentCode) => els.get(provinceResidentCode)!);
  const [{ r: maxResident }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS r FROM resident');
  const [{ f: maxFact }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS f FROM fact');
  let residentId = Number(maxResident);
  let factId = Number(maxFact);
  const sink = await sinkFor(ds, sqlitePath);
  const rng = new Rng(20_24);
  const created = new Date().toISOString().slice(0, 19).replace('T', ' ');
  let residents: unknown[][] = [];
  let facts: unknown[][] = [];
  let current: unknown[][] = [];
  const counts = { residents: 0, facts: 0, current: 0 };
  const flush = async () => {
    await sink.rows('resident', ['id', 'id_hash', 'id_cipher', 'id_masked', 'birth_date', 'gender', 'village_id', 'created_at'], residents);
    await sink.rows(
      'fact',
      ['id', 'subject_type', 'subject_id', 'element_id', 'value', 'as_of', 'source', 'source_ref', 'recorded_at'],
      facts,
    );
    await sink.rows(
      'current_fact',
      ['subject_type', 'subject_id', 'element_id', 'value', 'as_of', 'source', 'source_ref', 'fact_id', 'updated_at'],
      current,
    );
    counts.residents += residents.length;
    counts.facts += facts.length;
    counts.current += current.length;
    residents = [];
    facts = [];
    current = [];
  };
  let num = 0;
  for (let item = 0; item < villages.length; item++) {
    for (let i = 0; i < perVillage; i++, num++) {
      const id = provinceId(num);
      residentId++;
      const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      residents.push([
        residentId,
        pii.hash(id),
        pii.encrypt(id),
        maskIdNumber(id),
        birth,
        Number(id[16]) % 2 ? '男' : '女',
        villages[item].id,
        created,
      ]);
      // Three versions per element: the 2024 value is current; older ones differ now and then.
      PROVINCE_RESIDENT_CODES.forEach((code, k) => {
        let value = VALUES[code](rng, num);
        for (let entry = DATES.length - 1; entry >= 0; entry--) {
          if (entry < DATES.length - 1 && rng.chance(0.3)) value = VALUES[code](rng, num);
          factId++;
          const row = ['RESIDENT', residentId, elementIds[k], value, DATES[entry], 'IMPORT', `bench:${DATES[entry]}`];
          facts.push([factId, ...row, created]);
          if (entry === DATES.length - 1) current.push([...row, factId, created]);
        }
      });
    }
    if (residents.length >= 5000) {
      const before = counts.residents;
      await flush();
      if (Math.floor(counts.residents / 100_000) > Math.floor(before / 100_000))
        log(`province seed: ${counts.residents} residents, ${counts.facts} facts (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  await flush();
  await sink.done();
  return { ...counts, ms: Date.now() - t0 };
}
