// The database connection killed (MariaDB `KILL CONNECTION`) in the middle of a submit, a review that
// writes values back, and an import: each is held at its last statement (the audit chain head, locked
// by the test) after all its other writes, and its connection is killed there. The client must get a
// retryable error, nothing of the request may remain, and sending it again must succeed exactly once.
import { createConnection, type Connection } from 'mysql2/promise';
import { DataElement } from '../src/catalog/data-element.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { ENGINE, startTestApp, type TestApp } from './support/harness.js';
import { upload } from './support/upload.js';
import { graphql } from './support/graphql.js';
import { admittedForm, assignmentOf, dispatchTask, villageAccounts } from './support/dispatch.js';

const SAVE = graphql(`
  mutation ($i: SaveSubmissionInput!) {
    saveSubmission(input: $i) {
      id
      version
      status
    }
  }
`);
const REVIEW = graphql(`
  mutation ($id: Int!, $d: SubmissionDecision!) {
    reviewSubmission(submissionId: $id, decision: $d) {
      status
      version
    }
  }
`);
const ASSIGNMENT = graphql(`
  query ($id: Int!) {
    assignment(id: $id) {
      status
    }
  }
`);
const AUDIT = graphql(`
  query ($f: AuditFilterInput) {
    auditEvents(filter: $f, take: 50) {
      totalItems
    }
    verifyAuditChain {
      ok
    }
  }
`);
const AUTOFILL = graphql(`
  query ($v: VillageRefInput!) {
    autofillElements(elementCodes: ["village.registered_population", "village.grids"], village: $v) {
      values {
        key
        value
      }
    }
  }
`);

(ENGINE === 'mysql' ? describe : describe.skip)('database faults (MySQL): a connection killed mid-write', () => {
  let server: TestApp;
  let village: Region;
  let tokens: Record<'cadre' | 'town' | 'mzj' | 'office' | 'admin' | 'auditor', string>;
  let assignmentId: number;
  let killer: Connection;

  /**
   * Runs `request` while the audit chain head is locked by the test: the request does all its writes,
   * then waits for the head (its last statement); its connection is killed there, the lock released.
   */
  async function killMidWrite<T>(request: () => Promise<T>): Promise<T> {
    const blocker = await createConnection(server.config.db.url!);
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE');
      const pending = request();
      let victim: number | undefined;
      for (let waited = 0; waited < 30_000 && victim === undefined; waited += 25) {
        const [rows] = await killer.query(
          "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE '%audit_chain_head%' AND ID NOT IN (CONNECTION_ID(), ?)",
          [blocker.threadId],
        );
        victim = (rows as { id: number }[])[0]?.id;
        if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(victim).toBeDefined();
      await killer.query(`KILL CONNECTION ${Number(victim)}`);
      await blocker.query('ROLLBACK');
      return await pending;
    } finally {
      await blocker.end();
    }
  }
  const auditCount = async (action: string) => (await server.gql(AUDIT, { f: { action } }, tokens.auditor)).data!.auditEvents.totalItems;

  beforeAll(async () => {
    server = await startTestApp('db_faults');
    killer = await createConnection(server.config.db.url!);
    const accounts = await villageAccounts(server);
    village = accounts.village;
    const [cadre, town, mzj, office, admin, auditor] = await Promise.all(
      [accounts.cadre, accounts.town, 'bm_mzj', 'jianfuban', 'admin', 'shenji'].map((name) => server.login(name)),
    );
    tokens = { cadre, town, mzj, office, admin, auditor };
    const population = await server.dataSource.getRepository(DataElement).findOneByOrFail({ code: 'village.registered_population' });
    const { formId } = await admittedForm(
      server,
      '村基本情况年报',
      [{ key: 'pop', label: '户籍人口', valueType: 'INTEGER', section: 'VILLAGE', elementId: population.id }],
      'YEARLY',
    );
    const taskId = await dispatchTask(server, formId, '2025', [village.parentId!]);
    assignmentId = await assignmentOf(server, cadre, taskId);
  }, 300_000);
  afterAll(async () => {
    await killer?.end();
    await server?.close();
  });

  let submissionId: number;

  it('a submit killed at its last statement: a retryable error, the form still not started; the retry submits once', async () => {
    const input = {
      assignmentId,
      clientId: 'db-fault-submit-1',
      expectedVersion: 0,
      submit: true,
      values: [{ key: 'pop', value: '1234' }],
    };
    const killed = await killMidWrite(() => server.gql(SAVE, { i: input }, tokens.cadre));
    expect(killed.errors?.[0].extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    expect(killed.errors?.[0].message).toContain('没有保存');
    expect((await server.gql(ASSIGNMENT, { id: assignmentId }, tokens.cadre)).data!.assignment.status).toBe('NOT_STARTED');
    expect(await auditCount('submission.submit')).toBe(0);

    const retried = await server.gql(SAVE, { i: input }, tokens.cadre);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.saveSubmission).toMatchObject({ status: 'SUBMITTED', version: 1 });
    submissionId = retried.data!.saveSubmission.id;
    // The same request once more (a client that did not hear the answer): the same result, nothing added.
    const again = await server.gql(SAVE, { i: input }, tokens.cadre);
    expect(again.data!.saveSubmission).toEqual(retried.data!.saveSubmission);
    expect(await auditCount('submission.submit')).toBe(1);
  }, 120_000);

  it('a review killed after its write-back: still submitted, nothing written back; the retry accepts once and writes back once', async () => {
    const before = (await server.gql(AUTOFILL, { v: { id: village.id } }, tokens.town)).data!.autofillElements.values;
    const killed = await killMidWrite(() => server.gql(REVIEW, { id: submissionId, d: 'ACCEPT' }, tokens.town));
    expect(killed.errors?.[0].extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    expect((await server.gql(ASSIGNMENT, { id: assignmentId }, tokens.cadre)).data!.assignment.status).toBe('SUBMITTED');
    expect((await server.gql(AUTOFILL, { v: { id: village.id } }, tokens.town)).data!.autofillElements.values).toEqual(before);

    const retried = await server.gql(REVIEW, { id: submissionId, d: 'ACCEPT' }, tokens.town);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.reviewSubmission.status).toBe('ACCEPTED');
    const after = (await server.gql(AUTOFILL, { v: { id: village.id } }, tokens.town)).data!.autofillElements.values;
    expect(after.find((value) => value.key === 'village.registered_population')?.value).toBe('1234');
    // Accepting twice is refused: the write-back happened once.
    const twice = await server.gql(REVIEW, { id: submissionId, d: 'ACCEPT' }, tokens.town);
    expect(twice.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await auditCount('submission.accept')).toBe(1);
  }, 120_000);

  it('an import killed after its rows: a 503 with a retryable error, none of its rows kept; the same file imports once', async () => {
    const file = Buffer.from(`村代码,网格数,日期\n${village.code},7,2025-06-30\n`);
    const killed = await killMidWrite(() => upload(server.url, tokens.admin, file, 'grids.csv'));
    expect(killed.status).toBe(503);
    expect(killed.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    const grids = async () =>
      (await server.gql(AUTOFILL, { v: { id: village.id } }, tokens.town)).data!.autofillElements.values.find(
        (value) => value.key === 'village.grids',
      )?.value ?? null;
    expect(await grids()).toBeNull();

    const retried = await upload(server.url, tokens.admin, file, 'grids.csv');
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ importedRows: 1, alreadyImported: false });
    expect(await grids()).toBe('7');
    const again = await upload(server.url, tokens.admin, file, 'grids.csv');
    expect(again.body).toMatchObject({ alreadyImported: true });
    expect((await server.gql(AUDIT, { f: {} }, tokens.auditor)).data!.verifyAuditChain.ok).toBe(true);
  }, 120_000);
});
