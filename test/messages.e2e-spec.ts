import { Role } from '../src/common/auth-user.js';
import { User } from '../src/identity/user.entity.js';
import { TransactionService } from '../src/common/transaction.service.js';
import { Assignment } from '../src/dispatch/assignment.entity.js';
import { DeadlineRemindersService } from '../src/dispatch/deadline-reminders.service.js';
import { Task } from '../src/dispatch/task.entity.js';
import { JobLeaseService } from '../src/messages/job-lease.service.js';
import { Message, MessageKind } from '../src/messages/message.entity.js';
import { MessagesService } from '../src/messages/messages.service.js';
import { Region } from '../src/regions/region.entity.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql, type Input, type TadaDocumentNode } from './support/graphql.js';

// Issue 16 item 1 (早办): every role's message centre — events make their messages in the event's
// transaction, addressed to the unit; a scheduled job reminds of deadlines once each.
describe('messages: the message centre', () => {
  let server: TestApp;
  let mzj: string, nyncj: string, office: string, admin: string;
  let townA: string, townB: string, cadreA: string, cadreA2: string, cadreB: string;
  let villageA: Region, villageA2: Region, villageB: Region;
  let formId: number;
  let taskId: number;
  let assignmentA: number;

  async function ok<R, V>(doc: TadaDocumentNode<R, V>, variables: V, token: string): Promise<R> {
    const result = await server.gql(doc, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const MESSAGES = graphql(`
    query ($unread: Boolean, $take: Int) {
      messages(unreadOnly: $unread, take: $take) {
        totalItems
        items {
          id
          kind
          title
          body
          link
          read
          createdAt
        }
      }
      unreadMessageCount
    }
  `);
  const inbox = async (token: string) => (await ok(MESSAGES, { take: 200 }, token)).messages.items;
  const unread = async (token: string) => (await ok(MESSAGES, { unread: true, take: 1 }, token)).unreadMessageCount;
  const kinds = async (token: string) => (await inbox(token)).map((message) => message.kind);
  const STATEMENTS = {
    departmentDoes: '市局负责制定统计口径、汇总全市数据并承担核查工作',
    villageDoes: '村委会每季度核对本村水井和当家塘数量并在平台填报',
    departmentSupport: '市局提供培训和技术指导，并将往期数据预先导入平台',
    legalBasis: '《中华人民共和国水法》第二十三条及省水利厅相关通知',
    justification: '掌握农村小型水利设施底数，支撑抗旱调度和维修资金分配',
  };
  const SUBMIT = graphql(`
    mutation ($i: SubmitAdmissionInput!) {
      submitAdmissionRequest(input: $i) {
        id
      }
    }
  `);
  const REVIEW = graphql(`
    mutation ($i: ReviewAdmissionInput!) {
      reviewAdmissionRequest(input: $i) {
        status
      }
    }
  `);
  const CREATE_TASK = graphql(`
    mutation ($i: CreateTaskInput!) {
      createTask(input: $i) {
        id
      }
    }
  `);
  const SAVE = graphql(`
    mutation ($i: SaveSubmissionInput!) {
      saveSubmission(input: $i) {
        id
        version
      }
    }
  `);
  const REVIEW_SUBMISSION = graphql(`
    mutation ($id: Int!, $d: SubmissionDecision!, $c: String) {
      reviewSubmission(submissionId: $id, decision: $d, comment: $c) {
        id
        version
      }
    }
  `);
  const RUN = graphql(`
    mutation {
      runDeadlineReminders {
        ran
        created
      }
    }
  `);

  async function newForm(title: string): Promise<number> {
    const duty = (
      await ok(
        graphql(`
          {
            dutyItems(list: MAIN, take: 1) {
              items {
                id
              }
            }
          }
        `),
        {},
        mzj,
      )
    ).dutyItems.items[0].id;
    const fields: Input<'FieldInput'>[] = [
      { key: 'wells', label: '水井数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
    ];
    return (
      await ok(
        graphql(`
          mutation ($i: CreateFormInput!) {
            createForm(input: $i) {
              id
            }
          }
        `),
        { i: { title, dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'QUARTERLY', fields } },
        mzj,
      )
    ).createForm.id;
  }
  async function myAssignment(token: string, task: number): Promise<number> {
    return (
      await ok(
        graphql(`
          query ($t: Int) {
            assignments(taskId: $t) {
              items {
                id
              }
            }
          }
        `),
        { t: task },
        token,
      )
    ).assignments.items[0].id;
  }

  beforeAll(async () => {
    server = await startTestApp('messages');
    const regions = server.dataSource.getRepository(Region);
    villageA = await regions.findOneByOrFail({ code: '420683003200' });
    const villages = await regions.findBy({ level: villageA.level });
    villageA2 = villages.find((village) => village.parentId === villageA.parentId && village.id !== villageA.id)!;
    villageB = villages.find((village) => village.parentId !== villageA.parentId)!;
    const townOf = async (village: Region) =>
      (await server.dataSource.getRepository(User).findOneByOrFail({ role: Role.TOWN_STAFF, regionId: village.parentId! })).username;
    [mzj, nyncj, office, admin, townA, townB, cadreA, cadreA2, cadreB] = await Promise.all([
      server.login('bm_mzj'),
      server.login('bm_nyncj'),
      server.login('jianfuban'),
      server.login('admin'),
      server.login(await townOf(villageA)),
      server.login(await townOf(villageB)),
      server.login(`cun_${villageA.code}`),
      server.login(`cun_${villageA2.code}`),
      server.login(`cun_${villageB.code}`),
    ]);
  });
  afterAll(() => server.close());

  it('admission decisions reach the department that applied, and no other', async () => {
    formId = await newForm('消息水井季报');
    const first = (await ok(SUBMIT, { i: { formId, ...STATEMENTS } }, mzj)).submitAdmissionRequest;
    await ok(REVIEW, { i: { id: first.id, decision: 'RETURN', comment: '请补充填报口径说明' } }, office);
    await ok(
      graphql(`
        mutation ($id: Int!) {
          updateForm(id: $id, input: { description: "水井按村统计" }) {
            id
          }
        }
      `),
      { id: formId },
      mzj,
    );
    const second = (await ok(SUBMIT, { i: { formId, ...STATEMENTS } }, mzj)).submitAdmissionRequest;
    await ok(REVIEW, { i: { id: second.id, decision: 'APPROVE' } }, office);

    const mine = (await inbox(mzj)).filter((message) => message.kind === 'ADMISSION_DECIDED');
    expect(mine.map((message) => message.title)).toEqual(['表单“消息水井季报”已准入', '表单“消息水井季报”被退回修改']);
    expect(mine[1].body).toContain('请补充填报口径说明');
    expect(mine.every((message) => message.link === `/forms/${formId}`)).toBe(true);
    expect(await kinds(nyncj)).not.toContain('ADMISSION_DECIDED');
    expect(await kinds(cadreA)).not.toContain('ADMISSION_DECIDED');
  });

  it('a new task reaches each village it went to and their town, linking to the fill page; nobody else', async () => {
    const due = new Date(Date.now() + 30 * 86400000).toISOString();
    taskId = (
      await ok(CREATE_TASK, { i: { formId, period: '2031-Q1', dueAt: due, townIds: [villageA.parentId!], villageIds: [villageB.id] } }, mzj)
    ).createTask.id;
    assignmentA = await myAssignment(cadreA, taskId);
    const assignmentB = await myAssignment(cadreB, taskId);

    const toA = (await inbox(cadreA)).filter((message) => message.kind === 'TASK_ASSIGNED');
    expect(toA).toHaveLength(1);
    expect(toA[0]).toMatchObject({ title: '新任务：消息水井季报（2031-Q1）', link: `/assignments/${assignmentA}`, read: false });
    const toB = (await inbox(cadreB)).filter((message) => message.kind === 'TASK_ASSIGNED');
    expect(toB.map((message) => message.link)).toEqual([`/assignments/${assignmentB}`]);
    // The town hears once, with the count of its villages, and links to the task's progress.
    const town = (await inbox(townA)).filter((message) => message.kind === 'TASK_ASSIGNED');
    expect(town).toHaveLength(1);
    expect(town[0].link).toBe(`/tasks/${taskId}`);
    expect(town[0].title).toMatch(/下发到所辖 \d+ 个村\(社区\)/);
    const otherTown = (await inbox(townB)).filter((message) => message.kind === 'TASK_ASSIGNED');
    expect(otherTown.map((message) => message.title)).toEqual(['新任务：消息水井季报（2031-Q1）下发到所辖 1 个村(社区)']);
    // The department that dispatched gets no "new task" of its own.
    expect(await kinds(mzj)).not.toContain('TASK_ASSIGNED');
  });

  it('a cadre of village A never sees village B’s messages, nor can mark them read', async () => {
    const mine = await inbox(cadreA);
    const theirs = await inbox(cadreB);
    const mineIds = new Set(mine.map((message) => message.id));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((message) => mineIds.has(message.id))).toBe(false);
    const MARK = graphql(`
      mutation ($id: Int!) {
        markMessageRead(id: $id) {
          id
          read
        }
      }
    `);
    const foreign = expectError(await server.gql(MARK, { id: theirs[0].id }, cadreA), 'NOT_FOUND');
    const absent = expectError(await server.gql(MARK, { id: 987654321 }, cadreA), 'NOT_FOUND');
    expect(foreign.message).toBe(absent.message);
    // Village B's message is still unread for B.
    expect((await inbox(cadreB)).find((message) => message.id === theirs[0].id)!.read).toBe(false);
  });

  it('unread count, mark one read, mark all read — per user; a new cadre of the village sees the unit’s messages', async () => {
    const before = await unread(cadreA);
    expect(before).toBeGreaterThan(0);
    const [first] = await inbox(cadreA);
    const marked = await ok(
      graphql(`
        mutation ($id: Int!) {
          markMessageRead(id: $id) {
            id
            read
          }
        }
      `),
      { id: first.id },
      cadreA,
    );
    expect(marked.markMessageRead.read).toBe(true);
    expect(await unread(cadreA)).toBe(before - 1);
    // Twice is the same as once.
    await ok(
      graphql(`
        mutation ($id: Int!) {
          markMessageRead(id: $id) {
            id
          }
        }
      `),
      { id: first.id },
      cadreA,
    );
    expect(await unread(cadreA)).toBe(before - 1);

    // A cadre who joins the village later sees what was sent to it, all unread for them.
    await ok(
      graphql(`
        mutation ($i: CreateUserInput!) {
          createUser(input: $i) {
            id
          }
        }
      `),
      {
        i: {
          username: 'cun_msg_newcomer',
          displayName: '新任文书',
          password: 'Newcomer#2025pass',
          role: 'VILLAGE_CADRE',
          regionId: villageA.id,
        },
      },
      await server.login('anquan'),
    );
    const newcomer = await server.firstLogin('cun_msg_newcomer', 'Newcomer#2025pass');
    expect((await inbox(newcomer)).map((message) => message.id)).toEqual((await inbox(cadreA)).map((message) => message.id));
    expect(await unread(newcomer)).toBe(before);

    const all = await ok(
      graphql(`
        mutation {
          markAllMessagesRead
        }
      `),
      {},
      cadreA,
    );
    expect(all.markAllMessagesRead).toBe(before - 1);
    expect(await unread(cadreA)).toBe(0);
    expect((await inbox(cadreA)).every((message) => message.read)).toBe(true);
    expect(await unread(newcomer)).toBe(before); // read state is the user's own
  });

  it('returned (with its reason, ID numbers and phones masked) and accepted reach the village only', async () => {
    const save = async (version: number, clientId: string) =>
      (
        await ok(
          SAVE,
          { i: { assignmentId: assignmentA, clientId, expectedVersion: version, values: [{ key: 'wells', value: '3' }], submit: true } },
          cadreA,
        )
      ).saveSubmission;
    const submitted = await save(0, 'msg-submit-0001');
    const sentBack = await ok(
      REVIEW_SUBMISSION,
      { id: submitted.id, d: 'RETURN', c: '水井数与去年不符，请核实后联系13912345678或看420683195001011234' },
      townA,
    );
    const returned = (await inbox(cadreA)).find((message) => message.kind === 'RETURNED')!;
    expect(returned).toMatchObject({ title: '被退回：消息水井季报（2031-Q1）', link: `/assignments/${assignmentA}`, read: false });
    expect(returned.body).toContain('水井数与去年不符');
    expect(returned.body).not.toMatch(/13912345678|420683195001011234/);
    for (const other of [cadreA2, cadreB, townA, mzj]) expect(await kinds(other)).not.toContain('RETURNED');

    const again = await save(sentBack.reviewSubmission.version, 'msg-submit-0002');
    await ok(REVIEW_SUBMISSION, { id: again.id, d: 'ACCEPT' }, townA);
    const accepted = (await inbox(cadreA)).filter((message) => message.kind === 'ACCEPTED');
    expect(accepted).toHaveLength(1);
    expect(accepted[0].link).toBe(`/assignments/${assignmentA}`);
    for (const other of [cadreA2, cadreB, townA]) expect(await kinds(other)).not.toContain('ACCEPTED');
  });

  it('a refused event makes no message; a failed transaction leaves none', async () => {
    const count = () => server.dataSource.getRepository(Message).count();
    const before = await count();
    // The same period again: CONFLICT, nothing dispatched, nothing told.
    const due = new Date(Date.now() + 30 * 86400000).toISOString();
    expectError(
      await server.gql(CREATE_TASK, { i: { formId, period: '2031-Q1', dueAt: due, villageIds: [villageA.id] } }, mzj),
      'CONFLICT',
    );
    expect(await count()).toBe(before);
    // A message posted in a transaction that then fails is rolled back with it.
    const messages = server.app.get(MessagesService);
    await expect(
      server.app.get(TransactionService).run(async (em) => {
        await messages.post(em, [{ kind: MessageKind.ACCEPTED, title: '不应留下', body: '回滚', regionId: villageA.id }]);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await count()).toBe(before);
    expect((await inbox(cadreA)).some((message) => message.title === '不应留下')).toBe(false);
  });

  it('an answered complaint reaches the one who filed it', async () => {
    const filed = await ok(
      graphql(`
        mutation ($i: FileFeedbackInput!) {
          fileFeedback(input: $i) {
            id
          }
        }
      `),
      { i: { type: 'COMPLAINT', complaintKind: 'DUPLICATE_FORM', title: '水井表重复', content: '水井数与农业表重复填报。' } },
      cadreA2,
    );
    await ok(
      graphql(`
        mutation ($id: Int!) {
          respondToFeedback(id: $id, response: "已通知部门合并") {
            id
          }
        }
      `),
      { id: filed.fileFeedback.id },
      office,
    );
    const answered = (await inbox(cadreA2)).filter((message) => message.kind === 'FEEDBACK_ANSWERED');
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ title: '您的反馈已答复', link: '/my-feedback' });
    for (const other of [cadreA, townA, office]) expect(await kinds(other)).not.toContain('FEEDBACK_ANSWERED');
  });

  it('deadline reminders: due in 3 days, tomorrow, overdue — each once, however often the job runs', async () => {
    const form = await newForm('消息到期季报');
    const request = (await ok(SUBMIT, { i: { formId: form, ...STATEMENTS } }, mzj)).submitAdmissionRequest;
    await ok(REVIEW, { i: { id: request.id, decision: 'APPROVE' } }, office);
    const make = async (period: string, hours: number) =>
      (
        await ok(
          CREATE_TASK,
          { i: { formId: form, period, dueAt: new Date(Date.now() + hours * 3600000).toISOString(), villageIds: [villageA2.id] } },
          mzj,
        )
      ).createTask.id;
    const soon = await make('2031-Q2', 60); // 2.5 days
    const tomorrow = await make('2031-Q3', 12);
    const late = await make('2031-Q4', 12);
    const far = await make('2032-Q1', 24 * 10);
    // The last one's due time passes (moved back behind the service, as the clock would).
    const past = new Date(Date.now() - 3600000);
    await server.dataSource.getRepository(Task).update({ id: late }, { dueAt: past });
    await server.dataSource.getRepository(Assignment).update({ taskId: late }, { dueAt: past });

    const first = await ok(RUN, {}, admin);
    expect(first.runDeadlineReminders.ran).toBe(true);
    expect(first.runDeadlineReminders.created).toBeGreaterThanOrEqual(3);
    const second = await ok(RUN, {}, admin);
    expect(second.runDeadlineReminders).toEqual({ ran: true, created: 0 });

    const links = async (kind: string) => (await inbox(cadreA2)).filter((message) => message.kind === kind).map((message) => message.link);
    expect(await links('DUE_IN_3_DAYS')).toEqual([`/assignments/${await myAssignment(cadreA2, soon)}`]);
    expect(await links('DUE_TOMORROW')).toEqual([`/assignments/${await myAssignment(cadreA2, tomorrow)}`]);
    expect(await links('OVERDUE')).toEqual([`/assignments/${await myAssignment(cadreA2, late)}`]);
    const farLink = `/assignments/${await myAssignment(cadreA2, far)}`;
    expect((await inbox(cadreA2)).filter((message) => message.link === farLink).map((message) => message.kind)).toEqual(['TASK_ASSIGNED']);
    // Village A (accepted its only task) and others get no reminder.
    expect(await kinds(cadreA)).not.toContain('DUE_TOMORROW');
    expect(await kinds(cadreB)).not.toContain('OVERDUE');
  });

  it('two processes asking for the job’s lease at once: exactly one gets it; another process waits for it to expire', async () => {
    const lease = server.app.get(JobLeaseService);
    const now = new Date();
    const got = await Promise.all([lease.take('test-job', 'process-a', 60_000, now), lease.take('test-job', 'process-b', 60_000, now)]);
    expect(got.filter(Boolean)).toHaveLength(1);
    const winner = got[0] ? 'process-a' : 'process-b';
    const loser = got[0] ? 'process-b' : 'process-a';
    expect(await lease.take('test-job', winner, 60_000, now)).toBe(true); // renewing one's own
    expect(await lease.take('test-job', loser, 60_000, new Date(now.getTime() + 30_000))).toBe(false);
    expect(await lease.take('test-job', loser, 60_000, new Date(now.getTime() + 120_000))).toBe(true); // expired

    // The deadline job itself: while this process holds its lease, another process's run does nothing.
    const other = await server.app.get(DeadlineRemindersService).run(new Date(), 'another-process');
    expect(other).toEqual({ ran: false, created: 0 });
  });

  it('a retired form is told to its department only', async () => {
    await ok(
      graphql(`
        mutation ($id: Int!) {
          retireForm(id: $id, reason: "临时事项已结束，不再报送") {
            id
          }
        }
      `),
      { id: formId },
      office,
    );
    const retired = (await inbox(mzj)).filter((message) => message.kind === 'FORM_RETIRED');
    expect(retired).toHaveLength(1);
    expect(retired[0]).toMatchObject({ title: '表单“消息水井季报”已被减负办退出', link: `/forms/${formId}` });
    expect(retired[0].body).toContain('临时事项已结束');
    expect(await kinds(nyncj)).not.toContain('FORM_RETIRED');
  });

  // Issue 16 item 2: 催办.
  describe('urging (催办)', () => {
    let urgeTask: number;
    let villagesOfA: number;
    const URGE = graphql(`
      mutation ($i: UrgeTaskInput!) {
        urgeTask(input: $i) {
          urged
          skipped
        }
      }
    `);
    const URGES = graphql(`
      query ($id: Int!) {
        task(id: $id) {
          urges {
            times
            units
            lastAt
          }
        }
        assignments(taskId: $id, take: 200) {
          items {
            regionId
            reminderCount
            lastRemindedAt
          }
        }
      }
    `);
    const OVERVIEW = graphql(`
      {
        overview {
          urgedUnits
          doneAfterUrge
        }
      }
    `);
    const urged = async (token: string) => (await inbox(token)).filter((message) => message.kind === 'URGED');

    beforeAll(async () => {
      const form = await newForm('消息催办月报');
      const request = (await ok(SUBMIT, { i: { formId: form, ...STATEMENTS } }, mzj)).submitAdmissionRequest;
      await ok(REVIEW, { i: { id: request.id, decision: 'APPROVE' } }, office);
      const due = new Date(Date.now() + 5 * 86400000).toISOString();
      urgeTask = (
        await ok(
          CREATE_TASK,
          { i: { formId: form, period: '2031-Q1', dueAt: due, townIds: [villageA.parentId!], villageIds: [villageB.id] } },
          mzj,
        )
      ).createTask.id;
      villagesOfA = (await ok(URGES, { id: urgeTask }, townA)).assignments.items.length;
      expect(villagesOfA).toBeGreaterThan(2);
    });

    it('a town urges one village with a note: that village hears it; a second urge the same day is refused and changes nothing', async () => {
      const once = await ok(URGE, { i: { taskId: urgeTask, unitIds: [villageA2.id], note: '请今天下班前提交' } }, townA);
      expect(once.urgeTask).toEqual({ urged: 1, skipped: 0 });
      const told = await urged(cadreA2);
      expect(told).toHaveLength(1);
      expect(told[0].title).toBe('催办：消息催办月报（2031-Q1）');
      expect(told[0].body).toContain('附言：请今天下班前提交');
      expect(told[0].link).toBe(`/assignments/${await myAssignment(cadreA2, urgeTask)}`);
      expect(await urged(cadreA)).toHaveLength(0);
      expect(await urged(cadreB)).toHaveLength(0);

      const before = await server.dataSource.getRepository(Message).count();
      const again = expectError(await server.gql(URGE, { i: { taskId: urgeTask, unitIds: [villageA2.id] } }, townA), 'URGED_TODAY');
      expect(again.message).toMatch(/今天.*已催办过，每个单位每天只能催办一次/);
      expect(await server.dataSource.getRepository(Message).count()).toBe(before);
      const rows = (await ok(URGES, { id: urgeTask }, townA)).assignments.items;
      expect(rows.find((row) => row.regionId === villageA2.id)!.reminderCount).toBe(1);
    });

    it('“urge all” skips the units urged today and says how many; a town never urges another town’s villages', async () => {
      const all = await ok(URGE, { i: { taskId: urgeTask } }, townA);
      expect(all.urgeTask).toEqual({ urged: villagesOfA - 1, skipped: 1 });
      expect(await urged(cadreA)).toHaveLength(1);
      expect(await urged(cadreA2)).toHaveLength(1);
      expect(await urged(cadreB)).toHaveLength(0); // village B is town B's
      // …and naming it answers like a unit that does not exist.
      const foreign = expectError(await server.gql(URGE, { i: { taskId: urgeTask, unitIds: [villageB.id] } }, townA), 'NOT_FOUND');
      const absent = expectError(await server.gql(URGE, { i: { taskId: urgeTask, unitIds: [987654321] } }, townA), 'NOT_FOUND');
      expect(foreign.message).toBe(absent.message);
      const progress = (await ok(URGES, { id: urgeTask }, townA)).task.urges;
      expect(progress).toMatchObject({ times: villagesOfA, units: villagesOfA });
      expect(progress.lastAt).not.toBeNull();
      // Town B's view of the same task: nothing urged in its villages yet.
      expect((await ok(URGES, { id: urgeTask }, townB)).task.urges).toEqual({ times: 0, units: 0, lastAt: null });
    });

    it('the department urges the towns: only units not urged today, the town hears it too; the dashboards count urged and done-after', async () => {
      expectError(await server.gql(URGE, { i: { taskId: urgeTask, unitIds: [villageA.parentId!] } }, mzj), 'URGED_TODAY');
      const all = await ok(URGE, { i: { taskId: urgeTask } }, mzj);
      expect(all.urgeTask).toEqual({ urged: 1, skipped: villagesOfA });
      expect(await urged(cadreB)).toHaveLength(1);
      const town = await urged(townB);
      expect(town.map((message) => message.title)).toEqual(['催办：消息催办月报（2031-Q1）所辖 1 个村(社区)尚未提交']);
      expect(town[0].link).toBe(`/tasks/${urgeTask}`);
      expect((await ok(URGES, { id: urgeTask }, mzj)).task.urges).toMatchObject({ times: villagesOfA + 1, units: villagesOfA + 1 });
      // Others may not urge.
      expectError(await server.gql(URGE, { i: { taskId: urgeTask } }, cadreA), 'FORBIDDEN');
      expectError(await server.gql(URGE, { i: { taskId: urgeTask } }, nyncj), 'NOT_FOUND');

      expect((await ok(OVERVIEW, {}, mzj)).overview).toMatchObject({ urgedUnits: villagesOfA + 1, doneAfterUrge: 0 });
      await ok(
        SAVE,
        {
          i: {
            assignmentId: await myAssignment(cadreB, urgeTask),
            clientId: 'msg-urged-0001',
            expectedVersion: 0,
            values: [{ key: 'wells', value: '2' }],
            submit: true,
          },
        },
        cadreB,
      );
      expect((await ok(OVERVIEW, {}, mzj)).overview).toMatchObject({ urgedUnits: villagesOfA + 1, doneAfterUrge: 1 });
      expect((await ok(OVERVIEW, {}, townA)).overview).toMatchObject({ urgedUnits: villagesOfA, doneAfterUrge: 0 });
      expect((await ok(OVERVIEW, {}, cadreB)).overview).toMatchObject({ urgedUnits: 1, doneAfterUrge: 1 });
      // Everything in town B is in: urging it again has nothing to do.
      expectError(await server.gql(URGE, { i: { taskId: urgeTask, unitIds: [villageB.parentId!] } }, mzj), 'CONFLICT');
    });
  });
});
