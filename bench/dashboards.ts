// Dashboards bench: each dashboard query through the full stack (HTTP + auth + Nest + Apollo +
// TypeORM) against the very SQL statements it ran, replayed directly on the same database with the
// raw driver. Zaoyang scale: the full demo (a year of platform life through the services), topped
// up with direct inserts to a full year for all 558 villages (benchmark data only). Province scale
// (--scale province): 25,000 villages, the same 41 forms and a year of tasks, all bulk-inserted.
import type { QueryRunner } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { Rng } from '../src/common/rng.js';
import { LIFE_FORMS } from '../src/demo/year-of-life/year-of-life.data.js';
import type { QueryCounter } from '../src/database/query-counter.js';
import { BENCH_PASSWORD, benchApp, type GqlResponse } from './support.js';
import { RollupService } from '../src/rollups/rollup.service.js';

type Engine = 'sqlite' | 'mysql';
const DAY = 86_400_000;
const FREQ_DUE_DAYS: Record<string, number> = { MONTHLY: 10, QUARTERLY: 15, HALF_YEARLY: 20, YEARLY: 25, ONCE: 20 };

/** A row as the raw drivers return it: column name → value (numbers, strings, null, Dates on MySQL). */
type RawRow = Record<string, unknown>;

/** Raw access to the bench database: bulk inserts and replayed statements. */
interface Raw {
  all<Row = RawRow>(sql: string, params?: unknown[]): Promise<Row[]>;
  insert(table: string, cols: string[], rows: unknown[][]): Promise<void>;
  /** Runs statements as the service did (one connection at a time on SQLite, concurrently on MySQL). */
  replay(stmts: { sql: string; params: unknown[] }[]): Promise<void>;
  close(): Promise<void>;
}

async function rawFor(engine: Engine, app: Awaited<ReturnType<typeof benchApp>>): Promise<Raw> {
  if (engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(app.config.db.sqlitePath!);
    db.pragma('cache_size = -65536');
    const conv = (value: unknown) =>
      value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : typeof value === 'boolean' ? (value ? 1 : 0) : value;
    const stmts = new Map<string, BetterSqlite3.Statement>();
    const prep = (sql: string) => {
      let st = stmts.get(sql);
      if (!st) stmts.set(sql, (st = db.prepare(sql)));
      return st;
    };
    return {
      async all<Row>(sql: string, params: unknown[] = []) {
        const st = db.prepare(sql);
        return (st.reader ? st.all(...params.map(conv)) : (st.run(...params.map(conv)), [])) as Row[];
      },
      async insert(table, cols, rows) {
        const st = db.prepare(
          `INSERT INTO "${table}" (${cols.map((col) => `"${col}"`).join(',')}) VALUES (${cols.map(() => '?').join(',')})`,
        );
        db.transaction(() => {
          for (const row of rows) st.run(...row.map(conv));
        })();
      },
      async replay(list) {
        for (const item of list) prep(item.sql).all(...item.params.map(conv));
      },
      async close() {
        db.close();
      },
    };
  }
  const mysql = await import('mysql2/promise');
  const pool = mysql.createPool({ uri: app.config.db.url!, connectionLimit: 20, timezone: 'Z', supportBigNumbers: true });
  return {
    async all<Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params))[0] as Row[];
    },
    async insert(table, cols, rows) {
      for (let i = 0; i < rows.length; i += 2000)
        await pool.query(`INSERT INTO \`${table}\` (${cols.map((col) => `\`${col}\``).join(',')}) VALUES ?`, [rows.slice(i, i + 2000)]);
    },
    async replay(list) {
      await Promise.all(list.map((item) => pool.query(item.sql, item.params)));
    },
    async close() {
      await pool.end();
    },
  };
}

/** Period names and bounds of a frequency over the last twelve months (and the current one). */
function periods(freq: string, now: Date): { name: string; start: Date; end: Date }[] {
  const out: { name: string; start: Date; end: Date }[] = [];
  const from = Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1);
  const makeDate = (y: number, num: number) => new Date(Date.UTC(y, num, 1));
  const push = (name: string, start: Date, nextStart: Date) => {
    const end = new Date(nextStart.getTime() - DAY);
    if (end.getTime() >= from && start.getTime() <= now.getTime()) out.push({ name, start, end });
  };
  for (let y = now.getUTCFullYear() - 1; y <= now.getUTCFullYear(); y++) {
    if (freq === 'YEARLY') push(String(y), makeDate(y, 0), makeDate(y + 1, 0));
    if (freq === 'HALF_YEARLY') for (let num = 0; num < 2; num++) push(`${y}-H${num + 1}`, makeDate(y, num * 6), makeDate(y, num * 6 + 6));
    if (freq === 'QUARTERLY' || freq === 'ONCE')
      for (let num = 0; num < 4; num++) push(`${y}-Q${num + 1}`, makeDate(y, num * 3), makeDate(y, num * 3 + 3));
    if (freq === 'MONTHLY')
      for (let num = 0; num < 12; num++) push(`${y}-${String(num + 1).padStart(2, '0')}`, makeDate(y, num), makeDate(y, num + 1));
  }
  return freq === 'ONCE' ? out.slice(0, 1) : out;
}

/** The 41 forms in force (and the requests behind them), for a province database that has none. */
async function insertForms(raw: Raw, now: Date): Promise<void> {
  const depts = new Map((await raw.all('SELECT id, name FROM department')).map((row) => [row.name, Number(row.id)]));
  const duties = new Map((await raw.all('SELECT id, name FROM duty_item')).map((row) => [row.name, Number(row.id)]));
  const staff = new Map(
    (await raw.all(`SELECT id, department_id FROM user WHERE role = 'DEPARTMENT_STAFF'`)).map((row) => [
      Number(row.department_id),
      Number(row.id),
    ]),
  );
  const [office] = await raw.all(`SELECT id FROM user WHERE role = 'OFFICE_REVIEWER' ORDER BY id`);
  const [{ m }] = await raw.all('SELECT COALESCE(MAX(id), 0) AS m FROM form');
  let id = Number(m);
  const forms: unknown[][] = [];
  const versions: unknown[][] = [];
  const requests: unknown[][] = [];
  const decisions: unknown[][] = [];
  for (const lifeForm of LIFE_FORMS) {
    id++;
    const dept = depts.get(lifeForm.dept)!;
    const submitted = new Date(now.getTime() - lifeForm.proposedMonthsAgo * 30 * DAY);
    const reviewed = new Date(submitted.getTime() + 2 * DAY);
    const approved = ['APPROVE', 'RETURN_APPROVE', 'WITHDRAW_APPROVE'].includes(lifeForm.fate);
    const status = approved
      ? 'ACTIVE'
      : lifeForm.fate === 'APPROVE_RETIRE'
        ? 'RETIRED'
        : lifeForm.fate === 'PENDING'
          ? 'PENDING'
          : lifeForm.fate === 'RETURN'
            ? 'RETURNED'
            : lifeForm.fate === 'WITHDRAW'
              ? 'DRAFT'
              : 'REJECTED';
    const reqStatus =
      approved || lifeForm.fate === 'APPROVE_RETIRE'
        ? 'APPROVED'
        : lifeForm.fate === 'WITHDRAW'
          ? 'WITHDRAWN'
          : status === 'RETURNED'
            ? 'RETURNED'
            : status;
    forms.push([
      id,
      lifeForm.title,
      dept,
      duties.get(lifeForm.duty)!,
      lifeForm.level,
      lifeForm.freq,
      status,
      id,
      1,
      staff.get(dept)!,
      submitted,
      submitted,
    ]);
    versions.push([id, id, 1, submitted, approved || lifeForm.fate === 'APPROVE_RETIRE' ? reviewed : null, staff.get(dept)!, submitted]);
    requests.push([
      id,
      id,
      id,
      dept,
      duties.get(lifeForm.duty)!,
      reqStatus,
      '部门做什么',
      '村里做什么',
      '部门支持',
      '依据',
      '必要性',
      staff.get(dept)!,
      submitted,
      reqStatus === 'PENDING' ? null : office.id,
      reqStatus === 'PENDING' ? null : reviewed,
      0,
      lifeForm.fate === 'NEGATIVE' ? 1 : 0,
      1000,
      submitted,
      submitted,
    ]);
    decisions.push([id, id, 'SUBMIT', 'DRAFT', 'PENDING', staff.get(dept)!, submitted]);
    const action = {
      APPROVED: 'APPROVE',
      REJECTED: lifeForm.fate === 'NEGATIVE' ? 'SYSTEM_REJECT' : 'REJECT',
      RETURNED: 'RETURN',
      WITHDRAWN: 'WITHDRAW',
    }[reqStatus as string];
    if (action) decisions.push([id, id, action, 'PENDING', status, office.id, reviewed]);
  }
  await raw.insert(
    'form',
    [
      'id',
      'title',
      'department_id',
      'duty_item_id',
      'target_level',
      'frequency',
      'status',
      'current_version_id',
      'current_version_no',
      'created_by',
      'created_at',
      'updated_at',
    ],
    forms,
  );
  await raw.insert('form_version', ['id', 'form_id', 'version_no', 'submitted_at', 'approved_at', 'created_by', 'created_at'], versions);
  await raw.insert(
    'admission_request',
    [
      'id',
      'form_id',
      'form_version_id',
      'department_id',
      'duty_item_id',
      'status',
      'department_does',
      'village_does',
      'department_support',
      'legal_basis',
      'justification',
      'submitted_by',
      'submitted_at',
      'reviewer_id',
      'reviewed_at',
      'cap_overridden',
      'system_rejected',
      'annual_entries',
      'created_at',
      'updated_at',
    ],
    requests,
  );
  await raw.insert('admission_decision', ['form_id', 'request_id', 'action', 'from_status', 'to_status', 'actor_id', 'at'], decisions);
}

/** Tops the database up to a year of tasks for every active form and every village (or town); returns rows added. */
async function bulkYear(
  raw: Raw,
  now: Date,
  seed: number,
): Promise<{ tasks: number; assignments: number; submissions: number; feedback: number }> {
  const rng = new Rng(seed);
  const forms = await raw.all<{ id: number; department_id: number; target_level: string; frequency: string; current_version_id: number }>(
    `SELECT f.id, f.department_id, f.target_level, f.frequency, f.current_version_id FROM form f WHERE f.status = 'ACTIVE'`,
  );
  const villages = await raw.all(`SELECT id, parent_id, monitoring_point FROM region WHERE level = 'VILLAGE'`);
  const towns = await raw.all(`SELECT id FROM region WHERE level = 'TOWN'`);
  const staff = new Map(
    (await raw.all(`SELECT id, department_id FROM user WHERE role = 'DEPARTMENT_STAFF'`)).map((row) => [
      Number(row.department_id),
      Number(row.id),
    ]),
  );
  const taken = new Set(
    (await raw.all('SELECT form_id, region_id, period FROM assignment')).map((row) => `${row.form_id}|${row.region_id}|${row.period}`),
  );
  const [{ t }] = await raw.all('SELECT COALESCE(MAX(id), 0) AS t FROM task');
  const [{ a }] = await raw.all('SELECT COALESCE(MAX(id), 0) AS a FROM assignment');
  let taskId = Number(t);
  let asgId = Number(a);
  const counts = { tasks: 0, assignments: 0, submissions: 0, feedback: 0 };
  let tasks: unknown[][] = [];
  let asgs: unknown[][] = [];
  let subs: unknown[][] = [];
  const flush = async () => {
    await raw.insert(
      'task',
      [
        'id',
        'form_id',
        'form_version_id',
        'department_id',
        'period',
        'period_start',
        'period_end',
        'due_at',
        'auto_accept',
        'status',
        'assignment_count',
        'created_by',
        'created_at',
        'closed_at',
      ],
      tasks,
    );
    await raw.insert(
      'assignment',
      [
        'id',
        'task_id',
        'form_id',
        'period',
        'department_id',
        'region_id',
        'town_id',
        'status',
        'due_at',
        'submitted_at',
        'accepted_at',
        'reminder_count',
        'created_at',
      ],
      asgs,
    );
    await raw.insert(
      'submission',
      [
        'assignment_id',
        'values_json',
        'row_count',
        'status',
        'version',
        'autofilled_kept',
        'autofilled_changed',
        'typed',
        'return_comment',
        'reviewed_by',
        'reviewed_at',
        'submitted_at',
        'updated_by',
        'created_at',
        'updated_at',
      ],
      subs,
    );
    counts.tasks += tasks.length;
    counts.assignments += asgs.length;
    counts.submissions += subs.length;
    tasks = [];
    asgs = [];
    subs = [];
  };
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  for (const form of forms) {
    const units =
      form.target_level === 'TOWN'
        ? towns.map((x) => ({ id: Number(x.id), town: Number(x.id) }))
        : villages.map((village) => ({ id: Number(village.id), town: Number(village.parent_id) }));
    for (const period of periods(form.frequency, now)) {
      const due = new Date(period.end.getTime() + FREQ_DUE_DAYS[form.frequency] * DAY + 16 * 3_600_000 - 1000);
      const past = due.getTime() < now.getTime();
      const todo = units.filter((unit) => !taken.has(`${form.id}|${unit.id}|${period.name}`));
      if (!todo.length) continue;
      taskId++;
      const created = new Date(period.start.getTime() + 3 * DAY);
      const old = now.getTime() - due.getTime() > 100 * DAY;
      tasks.push([
        taskId,
        form.id,
        form.current_version_id,
        form.department_id,
        period.name,
        iso(period.start),
        iso(period.end),
        due,
        0,
        old ? 'CLOSED' : 'OPEN',
        todo.length,
        staff.get(Number(form.department_id)) ?? 1,
        created,
        old ? new Date(due.getTime() + 30 * DAY) : null,
      ]);
      for (const item of todo) {
        asgId++;
        const roll = rng.next();
        const status = past
          ? roll < 0.8
            ? 'ACCEPTED'
            : roll < 0.83
              ? 'SUBMITTED'
              : roll < 0.85
                ? 'RETURNED'
                : roll < 0.88
                  ? 'DRAFT'
                  : 'NOT_STARTED'
          : roll < 0.3
            ? 'ACCEPTED'
            : roll < 0.4
              ? 'SUBMITTED'
              : roll < 0.55
                ? 'DRAFT'
                : 'NOT_STARTED';
        const submitted =
          status === 'NOT_STARTED' || status === 'DRAFT'
            ? null
            : new Date(Math.min(now.getTime() - 3_600_000, due.getTime() + (rng.chance(0.87) ? -rng.int(1, 9) : rng.int(1, 12)) * DAY));
        const accepted =
          status === 'ACCEPTED' && submitted ? new Date(Math.min(now.getTime() - 1000, submitted.getTime() + rng.int(1, 3) * DAY)) : null;
        asgs.push([
          asgId,
          taskId,
          form.id,
          period.name,
          form.department_id,
          item.id,
          item.town,
          status,
          due,
          submitted,
          accepted,
          0,
          created,
        ]);
        if (status !== 'NOT_STARTED') {
          const fields = rng.int(3, 8);
          const kept = submitted ? rng.int(0, fields) : 0;
          const changed = submitted ? rng.int(0, fields - kept) : 0;
          subs.push([
            asgId,
            '{}',
            0,
            status,
            status === 'DRAFT' ? 1 : 2,
            kept,
            changed,
            submitted ? fields - kept - changed : 0,
            status === 'RETURNED' ? '请核实' : null,
            accepted ? 1 : null,
            accepted,
            submitted,
            1,
            created,
            accepted ?? submitted ?? created,
          ]);
        }
      }
      if (asgs.length >= 50_000) await flush();
    }
  }
  await flush();
  // Feedback: about one item per five villages over the year.
  const [{ fm }] = await raw.all('SELECT COALESCE(MAX(id), 0) AS fm FROM feedback');
  const cadres = new Map(
    (await raw.all(`SELECT id, region_id FROM user WHERE role = 'VILLAGE_CADRE'`)).map((row) => [Number(row.region_id), Number(row.id)]),
  );
  const fb: unknown[][] = [];
  const want = Math.max(0, Math.round(villages.length / 5) - Number(fm));
  for (let i = 0; i < want; i++) {
    const village = villages[rng.int(0, villages.length - 1)];
    const created = new Date(now.getTime() - rng.int(1, 360) * DAY);
    const complaint = rng.chance(0.6);
    const status = rng.pick(['OPEN', 'ACKNOWLEDGED', 'RESPONDED', 'RESOLVED', 'RESOLVED']);
    fb.push([
      complaint ? 'COMPLAINT' : 'SUGGESTION',
      complaint ? 'DUPLICATE_FORM' : null,
      '反馈',
      '内容',
      status,
      village.id,
      village.id,
      village.parent_id,
      village.monitoring_point ? 1 : 0,
      cadres.get(Number(village.id)) ?? 1,
      created,
    ]);
  }
  if (fb.length)
    await raw.insert(
      'feedback',
      [
        'type',
        'complaint_kind',
        'title',
        'content',
        'status',
        'region_id',
        'village_id',
        'town_id',
        'from_monitoring_point',
        'filed_by_id',
        'created_at',
      ],
      fb,
    );
  counts.feedback = fb.length;
  return counts;
}

interface Timing {
  p50: number;
  p99: number;
}
const pct = (xs: number[], num: number) => {
  const nums = [...xs].sort((left, right) => left - right);
  return nums[Math.min(nums.length - 1, Math.ceil((num / 100) * nums.length) - 1)];
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export interface DashboardRow {
  scale: string;
  name: string;
  statements: number;
  full: Timing;
  direct: Timing;
}

/** Runs the dashboards bench at one scale; returns one row per dashboard. */
export async function dashboardsBench(
  engine: Engine,
  scale: 'zaoyang' | 'province',
  runs: number,
  log: (text: string) => void,
): Promise<{ rows: DashboardRow[]; volume: string }> {
  const villages = scale === 'province' ? 25_000 : 558;
  const t0 = Date.now();
  const app = await benchApp(engine, `dash_${scale}`, villages, true, scale === 'zaoyang');
  log(`dashboards ${scale}: demo loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const raw = await rawFor(engine, app);
  const now = new Date();
  if (scale === 'province') await insertForms(raw, now);
  const t1 = Date.now();
  const added = await bulkYear(raw, now, 42);
  log(
    `dashboards ${scale}: bulk year added ${added.tasks} tasks, ${added.assignments} assignments, ${added.submissions} submissions, ${added.feedback} feedback in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
  );
  // The bulk rows bypassed the services, so the dashboard rollups are recomputed from them (as after any bulk load).
  const t2 = Date.now();
  await app.app.get(RollupService).rebuild();
  log(`dashboards ${scale}: rollups rebuilt in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  if (engine === 'mysql')
    for (const table of ['assignment', 'submission', 'task', 'feedback', 'rollup_task_town', 'rollup_fill_month', 'rollup_village_year'])
      await raw.all(`ANALYZE TABLE \`${table}\``);
  else await raw.all('ANALYZE');
  const [{ c: total }] = await raw.all('SELECT COUNT(*) AS c FROM assignment');
  const [{ c: subs }] = await raw.all('SELECT COUNT(*) AS c FROM submission');
  const [{ c: forms }] = await raw.all(`SELECT COUNT(*) AS c FROM form WHERE status = 'ACTIVE'`);
  const [{ c: rollupRows }] = await raw.all(
    'SELECT (SELECT COUNT(*) FROM rollup_task_town) + (SELECT COUNT(*) FROM rollup_fill_month) + (SELECT COUNT(*) FROM rollup_village_year) AS c',
  );

  const login = async (text: string) => {
    const json = (await (
      await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }',
          variables: { u: text, p: BENCH_PASSWORD },
        }),
      })
    ).json()) as GqlResponse<{ login: { token: string } }>;
    return json.data!.login.token;
  };
  const viewer = await login('lingdao');
  const year = now.getUTCFullYear();
  const [busy] = await raw.all(
    'SELECT region_id AS v FROM assignment WHERE region_id <> town_id GROUP BY region_id ORDER BY COUNT(*) DESC, region_id LIMIT 1',
  );
  const [big] = await raw.all('SELECT id FROM task ORDER BY assignment_count DESC, id DESC LIMIT 1');
  const query = '{ total notStarted draft submitted returned accepted overdue }';
  const queries: { name: string; query: string; variables?: Record<string, unknown> }[] = [
    // The stack's own cost per request, for scale: the caller's user row, one primary-key read.
    { name: 'floor: me (1 row)', query: `{ me { id username } }` },
    {
      name: 'overview',
      query: `{ overview { activeVillageForms activeTownForms requestsByStatus { status count } decisionsByDepartment { departmentId approved rejected returned } openTasks assignments ${query} completionRate onTimeRate autofillRate openComplaints monitoringPointOpenFeedback } }`,
    },
    {
      name: 'villageBurden',
      query: `query($v:Int!,$y:Int!){ villageBurden(villageId:$v, year:$y){ fillsDue fillsDone fieldsTyped fieldsAutofilled autofillRate forms { formId formTitle fillsDue fillsDone fieldsTyped } } }`,
      variables: { v: Number(busy.v), y: year },
    },
    {
      name: 'burdenRanking',
      query: `query($y:Int!){ burdenRanking(year:$y, limit: 20){ villageId fillsDue fieldsTyped fieldsAutofilled } }`,
      variables: { y: year },
    },
    {
      name: 'taskProgress',
      query: `query($id:Int!){ taskProgress(taskId:$id, take: 50){ totals ${query} towns { regionId total accepted overdue } villages { assignmentId villageId status overdue } villagesTotal } }`,
      variables: { id: Number(big.id) },
    },
    {
      name: 'departmentStats',
      query: `{ departmentStats { departmentId formsProposed approved rejected returned averageReviewHours annualEntriesAdded } }`,
    },
    {
      name: 'trends',
      query: `{ trends(months: 12) { month requestsSubmitted approved returned rejected assignmentsDue assignmentsDone onTime autofillRate complaints } }`,
    },
  ];

  // The statements each request runs, captured from TypeORM's logger in this process.
  const counter = app.dataSource.logger as unknown as QueryCounter;
  const original = counter.logQuery.bind(counter);
  let capture: { sql: string; params: unknown[] }[] | null = null;
  counter.logQuery = (text: string, value?: unknown[], qr?: QueryRunner) => {
    capture?.push({ sql: text, params: value ?? [] });
    return original(text, value, qr);
  };
  const call = async (value: (typeof queries)[number]) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` },
      body: JSON.stringify({ query: value.query, variables: value.variables }),
    }).catch((err) => {
      throw new Error(`${value.name}: ${err.message} (${err.cause?.message ?? err.cause})`);
    });
    const body = (await res.json()) as GqlResponse<unknown>;
    if (body.errors) throw new Error(`${value.name}: ${JSON.stringify(body.errors).slice(0, 300)}`);
    return body;
  };
  const rows: DashboardRow[] = [];
  for (const query2 of queries) {
    capture = [];
    await call(query2);
    const stmts = capture;
    capture = null;
    // Auth (the token's user) is part of every request; the rest is the dashboard's own SQL.
    for (let i = 0; i < 3; i++) await call(query2);
    const full: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      await call(query2);
      full.push(ms(started));
    }
    for (let i = 0; i < 3; i++) await raw.replay(stmts);
    const direct: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      await raw.replay(stmts);
      direct.push(ms(started));
    }
    rows.push({
      scale,
      name: query2.name,
      statements: stmts.length,
      full: { p50: pct(full, 50), p99: pct(full, 99) },
      direct: { p50: pct(direct, 50), p99: pct(direct, 99) },
    });
    log(`dashboards ${scale}: ${query2.name} done`);
  }
  counter.logQuery = original;
  await raw.close();
  await app.close();
  return {
    rows,
    volume: `${villages} villages, ${forms} active forms, ${total} assignments, ${subs} submissions, ${rollupRows} rollup rows`,
  };
}

/** Prints the dashboards table (markdown). */
export function dashboardsTable(engine: string, results: { rows: DashboardRow[]; volume: string }[], runs: number): string {
  const head = ['scale', 'dashboard', 'SQL stmts', 'full stack p50 ms', 'p99 ms', 'direct SQL p50 ms', 'p99 ms', 'ratio p50', 'goal'];
  const lines: string[][] = [head];
  const format = (x: number) => x.toFixed(1);
  for (const dashboardRow of results.flatMap((x) => x.rows)) {
    const ratio = dashboardRow.full.p50 / Math.max(dashboardRow.direct.p50, 0.001);
    const limit = dashboardRow.scale === 'province' ? 1000 : 100;
    if (dashboardRow.name.startsWith('floor')) {
      lines.push([
        dashboardRow.scale,
        dashboardRow.name,
        String(dashboardRow.statements),
        format(dashboardRow.full.p50),
        format(dashboardRow.full.p99),
        format(dashboardRow.direct.p50),
        format(dashboardRow.direct.p99),
        `${ratio.toFixed(2)}×`,
        'HTTP + GraphQL floor',
      ]);
      continue;
    }
    const okAbs = dashboardRow.full.p50 < limit;
    lines.push([
      dashboardRow.scale,
      dashboardRow.name,
      String(dashboardRow.statements),
      format(dashboardRow.full.p50),
      format(dashboardRow.full.p99),
      format(dashboardRow.direct.p50),
      format(dashboardRow.direct.p99),
      `${ratio.toFixed(2)}×`,
      `${ratio <= 2 ? '≤2× ✓' : '≤2× ✗'}, <${limit} ms ${okAbs ? '✓' : '✗'}`,
    ]);
  }
  const nums = head.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const out = [
    `\nOneTable dashboards bench — ${engine}, ${runs} runs per query, sequential; ${results.map((result) => result.volume).join(' | ')}`,
  ];
  for (const line of lines) out.push(`| ${line.map((text, i) => text.padEnd(nums[i])).join(' | ')} |`);
  return out.join('\n') + '\n';
}
