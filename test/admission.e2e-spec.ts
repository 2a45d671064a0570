import { Form, FormStatus, Frequency, TargetLevel } from '../src/forms/form.entity.js';
import { FormVersion } from '../src/forms/form-version.entity.js';
import { FormField, FieldSection } from '../src/forms/form-field.entity.js';
import { ValueType } from '../src/catalog/value-type.js';
import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql, type Input, type TadaDocumentNode } from './support/graphql.js';

const STATEMENTS = {
  departmentDoes: '市民政局制定留守老人关爱政策并按季度汇总分析',
  villageDoes: '村委会每季度走访留守老人，核实名单并录入基本情况',
  departmentSupport: '提供上季度名单底册，安排专人电话答疑并承担走访补助',
  legalBasis: '《国务院关于加强农村留守老年人关爱服务工作的意见》第三条',
  justification: '掌握留守老人底数，及时发现独居失能老人并落实帮扶',
};

const CREATE = graphql(`
  mutation ($i: CreateFormInput!) {
    createForm(input: $i) {
      id
      status
      currentVersionId
      currentVersion {
        id
        fields {
          key
          element {
            code
          }
          suggestions {
            element {
              id
              code
            }
          }
        }
      }
    }
  }
`);
const SUBMIT = graphql(`
  mutation ($i: SubmitAdmissionInput!) {
    submitAdmissionRequest(input: $i) {
      id
      status
      formVersion {
        versionNo
        locked
      }
      analysis {
        burden {
          targetUnits
          fillsPerYear
          totalFields
          manualFields
          annualEntries
        }
        maxOverlap
        fields {
          key
          elementName
          autofillable
          coverage
          sharedWith {
            formId
            title
            departmentName
          }
        }
        overlaps {
          formId
          title
          departmentName
          jaccard
          sharedElements
          sharedFieldKeys
          mergeSuggested
        }
      }
    }
  }
`);
const REVIEW = graphql(`
  mutation ($i: ReviewAdmissionInput!) {
    reviewAdmissionRequest(input: $i) {
      id
      status
      reviewComment
      capOverridden
      reviewer {
        displayName
        unit
      }
      form {
        status
      }
    }
  }
`);

interface Ctx {
  t: TestApp;
  el: Record<string, number>;
  mainDuty: number;
}

async function setup(server: TestApp): Promise<Ctx> {
  const tok = await server.login('jianfuban');
  const els = (
    await server.gql(
      graphql(`
        {
          dataElements {
            id
            code
          }
        }
      `),
      {},
      tok,
    )
  ).data!.dataElements;
  const mainDuty = (
    await server.gql(
      graphql(`
        {
          dutyItems(list: MAIN, groupName: "养老服务") {
            items {
              id
            }
          }
        }
      `),
      {},
      tok,
    )
  ).data!.dutyItems.items[0].id;
  return { t: server, el: Object.fromEntries(els.map((el: any) => [el.code, el.id])), mainDuty };
}

function elderlyFields(el: Record<string, number>, unboundLabel = '常住人口数'): Input<'FieldInput'>[] {
  return [
    {
      key: 'population',
      label: '户籍人口',
      valueType: 'INTEGER',
      required: true,
      section: 'VILLAGE',
      elementId: el['village.registered_population'],
    },
    {
      key: 'elderly',
      label: '60岁以上老人数',
      valueType: 'INTEGER',
      required: true,
      section: 'VILLAGE',
      elementId: el['village.elderly_60_plus'],
    },
    { key: 'resident_pop', label: unboundLabel, valueType: 'INTEGER', section: 'VILLAGE' },
    {
      key: 'id_number',
      label: '身份证号',
      valueType: 'ID_NUMBER',
      required: true,
      section: 'RESIDENT',
      elementId: el['resident.id_number'],
    },
    { key: 'name', label: '姓名', valueType: 'TEXT', required: true, section: 'RESIDENT', elementId: el['resident.name'] },
    { key: 'gender', label: '性别', valueType: 'ENUM', section: 'RESIDENT', elementId: el['resident.gender'] },
  ];
}

describe('admission: design → submit → return → version 2 → approve; overlap, negative list, cap, scope', () => {
  let ctx: Ctx;
  let server: TestApp;
  let mzj: string, nyncj: string, wsjkj: string, tjj: string, office: string, cadre: string;
  let formA: number, v1: number, v2: number, req1: number, req2: number;

  beforeAll(async () => {
    server = await startTestApp('admission', { env: { VILLAGE_FORM_CAP: '2' } });
    ctx = await setup(server);
    [mzj, nyncj, wsjkj, tjj, office, cadre] = await Promise.all(
      ['bm_mzj', 'bm_nyncj', 'bm_wsjkj', 'bm_tjj', 'jianfuban', 'cun_420683003200'].map((username) => server.login(username)),
    );
  });
  afterAll(() => server.close());

  it('a department designs a village form with bound and unbound fields and gets binding suggestions', async () => {
    const res = await server.gql(
      CREATE,
      {
        i: {
          title: '农村留守老人关爱服务情况表',
          dutyItemId: ctx.mainDuty,
          targetLevel: 'VILLAGE',
          frequency: 'QUARTERLY',
          fields: elderlyFields(ctx.el),
        },
      },
      mzj,
    );
    expect(res.errors).toBeUndefined();
    formA = res.data!.createForm.id;
    v1 = res.data!.createForm.currentVersion!.id;
    const unbound = res.data!.createForm.currentVersion!.fields.find((field: any) => field.key === 'resident_pop');
    expect(unbound!.element).toBeNull();
    expect(unbound!.suggestions[0].element.code).toBe('village.resident_population');
  });

  it('refuses empty or boilerplate statements, naming the field, and changes nothing', async () => {
    const gqlError = expectError(
      await server.gql(SUBMIT, { i: { formId: formA, ...STATEMENTS, legalBasis: '按上级要求', villageDoes: '' } }, mzj),
      'BAD_USER_INPUT',
    );
    expect(gqlError.extensions.details!.map((detail) => detail.field)).toEqual(['villageDoes', 'legalBasis']);
    expect(gqlError.message).toContain('法律或政策依据');
    const form = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            form(id: $id) {
              status
              currentVersion {
                locked
              }
            }
          }
        `),
        { id: formA },
        mzj,
      )
    ).data!.form;
    expect(form).toEqual({ status: 'DRAFT', currentVersion: { locked: false } });
  });

  it('submits: the version freezes and the analysis and burden are stored with the request', async () => {
    const res = await server.gql(SUBMIT, { i: { formId: formA, ...STATEMENTS } }, mzj);
    expect(res.errors).toBeUndefined();
    const req = res.data!.submitAdmissionRequest;
    req1 = req.id;
    expect(req.status).toBe('PENDING');
    expect(req.formVersion).toEqual({ versionNo: 1, locked: true });
    // 558 villages × 4 quarters × 5 typed fields (gender is derived from the ID number).
    expect(req.analysis!.burden).toEqual({
      targetUnits: 558,
      fillsPerYear: 4,
      totalFields: 6,
      manualFields: 5,
      annualEntries: 558 * 4 * 5,
    });
    expect(req.analysis!.fields.find((field: any) => field.key === 'gender')).toMatchObject({ autofillable: true, coverage: 0 });
    expect(req.analysis!.overlaps).toEqual([]);
    // A pending form cannot be edited or submitted twice.
    expectError(
      await server.gql(
        graphql(`
          mutation ($id: Int!) {
            updateForm(id: $id, input: { title: "改名" }) {
              id
            }
          }
        `),
        { id: formA },
        mzj,
      ),
      'CONFLICT',
    );
    expectError(await server.gql(SUBMIT, { i: { formId: formA, ...STATEMENTS } }, mzj), 'CONFLICT');
  });

  it('a village cadre and other departments cannot see the draft or the request', async () => {
    expectError(
      await server.gql(
        graphql(`
          query ($id: Int!) {
            form(id: $id) {
              id
            }
          }
        `),
        { id: formA },
        cadre,
      ),
      'NOT_FOUND',
    );
    expectError(
      await server.gql(
        graphql(`
          query ($id: Int!) {
            formVersion(id: $id) {
              id
            }
          }
        `),
        { id: v1 },
        cadre,
      ),
      'NOT_FOUND',
    );
    expect(
      (
        await server.gql(
          graphql(`
            {
              forms {
                totalItems
              }
            }
          `),
          {},
          cadre,
        )
      ).data!.forms.totalItems,
    ).toBe(0);
    expectError(
      await server.gql(
        graphql(`
          {
            admissionRequests {
              totalItems
            }
          }
        `),
        {},
        cadre,
      ),
      'FORBIDDEN',
    );
    expectError(
      await server.gql(
        graphql(`
          query ($id: Int!) {
            admissionRequest(id: $id) {
              id
            }
          }
        `),
        { id: req1 },
        nyncj,
      ),
      'NOT_FOUND',
    );
    expect(
      (
        await server.gql(
          graphql(`
            {
              admissionRequests {
                totalItems
              }
            }
          `),
          {},
          nyncj,
        )
      ).data!.admissionRequests.totalItems,
    ).toBe(0);
  });

  it('only the office reviews; RETURN needs a comment; the department reads it', async () => {
    expectError(await server.gql(REVIEW, { i: { id: req1, decision: 'APPROVE' } }, mzj), 'FORBIDDEN');
    const gqlError = expectError(await server.gql(REVIEW, { i: { id: req1, decision: 'RETURN' } }, office), 'BAD_USER_INPUT');
    expect(gqlError.extensions.details![0].field).toBe('comment');
    const reviewAdmissionRequest = (
      await server.gql(REVIEW, { i: { id: req1, decision: 'RETURN', comment: '“常住人口数”请绑定数据元，可由平台自动带出' } }, office)
    ).data!.reviewAdmissionRequest;
    expect(reviewAdmissionRequest).toMatchObject({
      status: 'RETURNED',
      reviewer: { displayName: '减负办审核员（王主任）', unit: null },
      form: { status: 'RETURNED' },
    });
    const seen = (
      await server.gql(
        graphql(`
          {
            admissionRequests(status: RETURNED) {
              items {
                id
                reviewComment
              }
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.admissionRequests.items;
    expect(seen).toEqual([{ id: req1, reviewComment: '“常住人口数”请绑定数据元，可由平台自动带出' }]);
  });

  it('editing the returned form makes version 2; version 1 stays as submitted', async () => {
    const fields = elderlyFields(ctx.el);
    fields[2] = { ...fields[2], elementId: ctx.el['village.resident_population'] };
    const res = await server.gql(
      graphql(`
        mutation ($id: Int!, $i: UpdateFormInput!) {
          updateForm(id: $id, input: $i) {
            status
            currentVersionNo
            currentVersion {
              id
              locked
              fields {
                key
                element {
                  code
                }
              }
            }
            versions {
              versionNo
            }
          }
        }
      `),
      { id: formA, i: { fields } },
      mzj,
    );
    const updateForm = res.data!.updateForm;
    v2 = updateForm.currentVersion!.id;
    expect(updateForm.currentVersionNo).toBe(2);
    expect(updateForm.versions).toEqual([{ versionNo: 1 }, { versionNo: 2 }]);
    expect(updateForm.currentVersion!.locked).toBe(false);
    expect(updateForm.currentVersion!.fields[2].element!.code).toBe('village.resident_population');
    const old = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            formVersion(id: $id) {
              versionNo
              locked
              fields {
                key
                element {
                  code
                }
              }
            }
          }
        `),
        { id: v1 },
        mzj,
      )
    ).data!.formVersion;
    expect(old.locked).toBe(true);
    expect(old.fields[2].element).toBeNull();
  });

  it('resubmits version 2 and the office approves; approving twice is a CONFLICT', async () => {
    const submitAdmissionRequest = (await server.gql(SUBMIT, { i: { formId: formA, ...STATEMENTS } }, mzj)).data!.submitAdmissionRequest;
    req2 = submitAdmissionRequest.id;
    expect(submitAdmissionRequest.formVersion!.versionNo).toBe(2);
    const reviewAdmissionRequest = (await server.gql(REVIEW, { i: { id: req2, decision: 'APPROVE' } }, office)).data!
      .reviewAdmissionRequest;
    expect(reviewAdmissionRequest).toMatchObject({ status: 'APPROVED', form: { status: 'ACTIVE' }, capOverridden: false });
    const again = expectError(await server.gql(REVIEW, { i: { id: req2, decision: 'APPROVE' } }, office), 'CONFLICT');
    expect(again.message).toContain('已准入');
    expectError(await server.gql(REVIEW, { i: { id: req1, decision: 'APPROVE' } }, office), 'CONFLICT');
  });

  it('records every transition with who, when and why', async () => {
    const admissionHistory = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            form(id: $id) {
              admissionHistory {
                action
                fromStatus
                toStatus
                comment
                at
                actor {
                  displayName
                  unit
                }
              }
            }
          }
        `),
        { id: formA },
        mzj,
      )
    ).data!.form.admissionHistory;
    expect(admissionHistory.map((entry: any) => [entry.action, entry.fromStatus, entry.toStatus, entry.actor.displayName])).toEqual([
      ['SUBMIT', 'DRAFT', 'PENDING', '市民政局业务员'],
      ['RETURN', 'PENDING', 'RETURNED', '减负办审核员（王主任）'],
      ['SUBMIT', 'RETURNED', 'PENDING', '市民政局业务员'],
      ['APPROVE', 'PENDING', 'ACTIVE', '减负办审核员（王主任）'],
    ]);
    expect(admissionHistory[1].comment).toContain('绑定数据元');
    expect(Number.isNaN(Date.parse(admissionHistory[3].at))).toBe(false);
    const audit = (
      await server.gql(
        graphql(`
          {
            auditEvents(filter: { objectType: "admission_request" }) {
              items {
                action
                username
              }
            }
          }
        `),
        {},
        await server.login('shenji'),
      )
    ).data!.auditEvents.items;
    expect(audit.map((item: any) => item.action)).toEqual(
      expect.arrayContaining(['admission.submit', 'admission.return', 'admission.approve']),
    );
  });

  it('the cadre now sees the active form and its approved version only', async () => {
    const list = (
      await server.gql(
        graphql(`
          {
            forms {
              items {
                id
                status
                currentVersion {
                  versionNo
                }
              }
            }
          }
        `),
        {},
        cadre,
      )
    ).data!.forms.items;
    expect(list).toEqual([{ id: formA, status: 'ACTIVE', currentVersion: { versionNo: 2 } }]);
    expect(
      (
        await server.gql(
          graphql(`
            query ($id: Int!) {
              formVersion(id: $id) {
                versionNo
              }
            }
          `),
          { id: v2 },
          cadre,
        )
      ).data!.formVersion.versionNo,
    ).toBe(2);
    expectError(
      await server.gql(
        graphql(`
          query ($id: Int!) {
            formVersion(id: $id) {
              id
            }
          }
        `),
        { id: v1 },
        cadre,
      ),
      'NOT_FOUND',
    );
  });

  let formB: number, reqB: number;
  it("a second department's overlapping form: the stored analysis names the first form and the shared fields", async () => {
    const fields: Input<'FieldInput'>[] = [
      { key: 'hj', label: '户籍人口数', valueType: 'INTEGER', section: 'VILLAGE', elementId: ctx.el['village.registered_population'] },
      { key: 'lr', label: '60岁以上老年人数', valueType: 'INTEGER', section: 'VILLAGE', elementId: ctx.el['village.elderly_60_plus'] },
      { key: 'cz', label: '常住人口', valueType: 'INTEGER', section: 'VILLAGE', elementId: ctx.el['village.resident_population'] },
      {
        key: 'sfz',
        label: '身份证号码',
        valueType: 'ID_NUMBER',
        required: true,
        section: 'RESIDENT',
        elementId: ctx.el['resident.id_number'],
      },
      { key: 'xm', label: '姓名', valueType: 'TEXT', section: 'RESIDENT', elementId: ctx.el['resident.name'] },
      { key: 'qy', label: '是否签约家庭医生', valueType: 'BOOLEAN', section: 'RESIDENT' },
    ];
    formB = (
      await server.gql(
        CREATE,
        { i: { title: '老年人健康管理花名册', dutyItemId: ctx.mainDuty, targetLevel: 'VILLAGE', frequency: 'YEARLY', fields } },
        wsjkj,
      )
    ).data!.createForm.id;
    const submitAdmissionRequest = (
      await server.gql(
        SUBMIT,
        { i: { formId: formB, ...STATEMENTS, departmentDoes: '市卫健局组织家庭医生为老年人开展年度健康体检' } },
        wsjkj,
      )
    ).data!.submitAdmissionRequest;
    reqB = submitAdmissionRequest.id;
    const overlaps = submitAdmissionRequest.analysis!.overlaps;
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]).toMatchObject({
      formId: formA,
      title: '农村留守老人关爱服务情况表',
      departmentName: '市民政局',
      mergeSuggested: true,
    });
    expect(overlaps[0].sharedFieldKeys).toEqual(['hj', 'lr', 'cz', 'sfz', 'xm']);
    expect(overlaps[0].sharedElements).toEqual(['户籍人口', '60岁以上老人数', '常住人口', '身份证号', '姓名']);
    expect(overlaps[0].jaccard).toBeCloseTo(5 / 6, 3);
    expect(submitAdmissionRequest.analysis!.maxOverlap).toBe(overlaps[0].jaccard);
    expect(submitAdmissionRequest.analysis!.fields.find((field: any) => field.key === 'hj')!.sharedWith).toEqual([
      { formId: formA, title: '农村留守老人关爱服务情况表', departmentName: '市民政局' },
    ]);
    expect(submitAdmissionRequest.analysis!.fields.find((field: any) => field.key === 'qy')!.sharedWith).toEqual([]);
    // Stored: the office reads the same report later.
    const stored = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            admissionRequest(id: $id) {
              analysis {
                overlaps {
                  formId
                  sharedFieldKeys
                }
              }
            }
          }
        `),
        { id: reqB },
        office,
      )
    ).data!.admissionRequest.analysis;
    expect(stored!.overlaps).toEqual([{ formId: formA, sharedFieldKeys: ['hj', 'lr', 'cz', 'sfz', 'xm'] }]);
  });

  it('the department withdraws a pending request; reviewing it then is a CONFLICT', async () => {
    expectError(
      await server.gql(
        graphql(`
          mutation ($id: Int!) {
            withdrawAdmissionRequest(id: $id) {
              id
            }
          }
        `),
        { id: reqB },
        mzj,
      ),
      'NOT_FOUND',
    );
    const withdrawAdmissionRequest = (
      await server.gql(
        graphql(`
          mutation ($id: Int!) {
            withdrawAdmissionRequest(id: $id, reason: "与民政局表合并后再报") {
              status
              form {
                status
              }
            }
          }
        `),
        { id: reqB },
        wsjkj,
      )
    ).data!.withdrawAdmissionRequest;
    expect(withdrawAdmissionRequest).toEqual({ status: 'WITHDRAWN', form: { status: 'DRAFT' } });
    const gqlError = expectError(await server.gql(REVIEW, { i: { id: reqB, decision: 'APPROVE' } }, office), 'CONFLICT');
    expect(gqlError.message).toContain('已撤回');
    expectError(
      await server.gql(
        graphql(`
          mutation ($id: Int!) {
            withdrawAdmissionRequest(id: $id) {
              id
            }
          }
        `),
        { id: reqB },
        wsjkj,
      ),
      'CONFLICT',
    );
  });

  it('a form on a NEGATIVE duty item is refused at once with NEGATIVE_LIST, stored as a system rejection', async () => {
    const neg = (
      await server.gql(
        graphql(`
          {
            dutyItems(list: NEGATIVE, groupName: "经济统计") {
              items {
                id
                name
              }
            }
          }
        `),
        {},
        tjj,
      )
    ).data!.dutyItems.items[0];
    const fields: Input<'FieldInput'>[] = [{ key: 'output', label: '村级工业产值', valueType: 'DECIMAL', section: 'VILLAGE' }];
    const id = (
      await server.gql(
        CREATE,
        { i: { title: '村级经济指标统计表', dutyItemId: neg.id, targetLevel: 'VILLAGE', frequency: 'MONTHLY', fields } },
        tjj,
      )
    ).data!.createForm.id;
    const gqlError = expectError(await server.gql(SUBMIT, { i: { formId: id, ...STATEMENTS } }, tjj), 'NEGATIVE_LIST');
    expect(gqlError.message).toContain('负面清单');
    const stored = (
      await server.gql(
        graphql(`
          {
            admissionRequests(status: REJECTED) {
              items {
                formId
                systemRejected
                reviewer {
                  displayName
                  unit
                }
                reviewComment
                form {
                  status
                }
                decisions {
                  action
                  actor {
                    displayName
                    unit
                  }
                }
              }
            }
          }
        `),
        {},
        tjj,
      )
    ).data!.admissionRequests.items;
    expect(stored).toEqual([
      {
        formId: id,
        systemRejected: true,
        reviewer: null,
        reviewComment: expect.stringContaining('经济统计'),
        form: { status: 'REJECTED' },
        decisions: [
          { action: 'SUBMIT', actor: { displayName: '市统计局业务员', unit: '市统计局' } },
          { action: 'SYSTEM_REJECT', actor: null },
        ],
      },
    ]);
  });

  it('approving past the village-form cap is CAP_EXCEEDED unless overridden with a comment, also when two approvals race', async () => {
    // Form B, edited after withdrawal (a new version), resubmitted; form C from a third department. One slot is left under the cap of 2.
    await server.gql(
      graphql(`
        mutation ($id: Int!) {
          updateForm(id: $id, input: { title: "老年人健康管理花名册（合并版）" }) {
            currentVersionNo
          }
        }
      `),
      { id: formB },
      wsjkj,
    );
    const rb = (await server.gql(SUBMIT, { i: { formId: formB, ...STATEMENTS } }, wsjkj)).data!.submitAdmissionRequest;
    expect(rb.formVersion!.versionNo).toBe(2);
    const fields: Input<'FieldInput'>[] = [
      { key: 'farmland', label: '耕地面积', valueType: 'DECIMAL', section: 'VILLAGE', elementId: ctx.el['village.farmland_area'] },
    ];
    const idC = (
      await server.gql(
        CREATE,
        { i: { title: '耕地撂荒情况表', dutyItemId: ctx.mainDuty, targetLevel: 'VILLAGE', frequency: 'HALF_YEARLY', fields } },
        nyncj,
      )
    ).data!.createForm.id;
    const rc = (await server.gql(SUBMIT, { i: { formId: idC, ...STATEMENTS } }, nyncj)).data!.submitAdmissionRequest;

    const results = await Promise.all([rb.id, rc.id].map((id) => server.gql(REVIEW, { i: { id, decision: 'APPROVE' } }, office)));
    const won = results.filter((result) => result.data?.reviewAdmissionRequest?.status === 'APPROVED');
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const gqlError = expectError(lost[0], 'CAP_EXCEEDED');
    expect(gqlError.message).toContain('上限 2');
    expect(gqlError.extensions).toMatchObject({ cap: 2, active: 2 });
    const loser = results[0].errors ? rb.id : rc.id;
    expect(
      (
        await server.gql(
          graphql(`
            query ($id: Int!) {
              admissionRequest(id: $id) {
                status
                form {
                  status
                }
              }
            }
          `),
          { id: loser },
          office,
        )
      ).data!.admissionRequest,
    ).toEqual({ status: 'PENDING', form: { status: 'PENDING' } });

    const noWhy = expectError(
      await server.gql(REVIEW, { i: { id: loser, decision: 'APPROVE', overrideCap: true } }, office),
      'BAD_USER_INPUT',
    );
    expect(noWhy.extensions.details![0].field).toBe('comment');
    const ok = (
      await server.gql(
        REVIEW,
        { i: { id: loser, decision: 'APPROVE', overrideCap: true, comment: '春耕撂荒整治专项，市政府督办' } },
        office,
      )
    ).data!.reviewAdmissionRequest;
    expect(ok).toMatchObject({ status: 'APPROVED', capOverridden: true, form: { status: 'ACTIVE' } });
    expect(
      (
        await server.gql(
          graphql(`
            {
              villageFormCap {
                cap
                activeVillageForms
              }
            }
          `),
          {},
          office,
        )
      ).data!.villageFormCap,
    ).toEqual({
      cap: 2,
      activeVillageForms: 3,
    });
  });

  it('towns and viewers see only active forms; the auditor sees none', async () => {
    const active = (
      await server.gql(
        graphql(`
          {
            forms(take: 200) {
              items {
                status
              }
            }
          }
        `),
        {},
        await server.login('zhen_juwan'),
      )
    ).data!.forms.items;
    expect(active.length).toBe(3);
    expect(new Set(active.map((item: any) => item.status))).toEqual(new Set(['ACTIVE']));
    expect(
      (
        await server.gql(
          graphql(`
            {
              forms(status: DRAFT) {
                totalItems
              }
            }
          `),
          {},
          await server.login('lingdao'),
        )
      ).data!.forms.totalItems,
    ).toBe(0);
    expect(
      (
        await server.gql(
          graphql(`
            {
              forms {
                totalItems
              }
            }
          `),
          {},
          await server.login('shenji'),
        )
      ).data!.forms.totalItems,
    ).toBe(0);
    expect(
      (
        await server.gql(
          graphql(`
            {
              forms(status: REJECTED) {
                items {
                  title
                }
              }
            }
          `),
          {},
          office,
        )
      ).data!.forms.items,
    ).toEqual([{ title: '村级经济指标统计表' }]);
  });

  it('the office retires an active form with a reason; the grassroots no longer see it', async () => {
    const result = graphql(`
      mutation ($id: Int!, $r: String!) {
        retireForm(id: $id, reason: $r) {
          status
        }
      }
    `);
    expectError(await server.gql(result, { id: formA, r: '临时事项不再报' }, mzj), 'FORBIDDEN');
    expectError(await server.gql(result, { id: formA, r: '' }, office), 'BAD_USER_INPUT');
    expect((await server.gql(result, { id: formA, r: '临时事项不再报，已并入卫健局花名册' }, office)).data!.retireForm.status).toBe(
      'RETIRED',
    );
    expectError(await server.gql(result, { id: formA, r: '再次退出试试' }, office), 'CONFLICT');
    expect(
      (
        await server.gql(
          graphql(`
            {
              forms {
                items {
                  id
                }
              }
            }
          `),
          {},
          cadre,
        )
      ).data!.forms.items.map((item: any) => item.id),
    ).not.toContain(formA);
    const admissionHistory = (
      await server.gql(
        graphql(`
          query ($id: Int!) {
            form(id: $id) {
              admissionHistory {
                action
                comment
                actor {
                  displayName
                  unit
                }
              }
            }
          }
        `),
        { id: formA },
        office,
      )
    ).data!.form.admissionHistory;
    expect(admissionHistory[admissionHistory.length - 1]).toEqual({
      action: 'RETIRE',
      comment: '临时事项不再报，已并入卫健局花名册',
      actor: { displayName: '减负办审核员（王主任）', unit: null },
    });
  });

  it('lists filter by status, department and duty item, and nested fields cost the same SQL for 1 or 50 items', async () => {
    const depts = (
      await server.gql(
        graphql(`
          {
            departments {
              id
              code
            }
          }
        `),
        {},
        office,
      )
    ).data!.departments;
    const wsId = depts.find((dept: any) => dept.code === 'wsjkj')!.id;
    const byDept = (
      await server.gql(
        graphql(`
          query ($d: Int!) {
            admissionRequests(departmentId: $d) {
              items {
                department {
                  code
                }
              }
            }
          }
        `),
        { d: wsId },
        office,
      )
    ).data!.admissionRequests.items;
    expect(byDept.map((x: any) => x.department.code)).toEqual(['wsjkj', 'wsjkj']);
    const byDuty = (
      await server.gql(
        graphql(`
          query ($d: Int!) {
            forms(dutyItemId: $d, status: ACTIVE) {
              totalItems
            }
          }
        `),
        { d: ctx.mainDuty },
        office,
      )
    ).data!.forms.totalItems;
    expect(byDuty).toBe(2);
    const reqByDuty = (
      await server.gql(
        graphql(`
          query ($d: Int!) {
            admissionRequests(dutyItemId: $d, status: APPROVED) {
              items {
                form {
                  title
                }
              }
            }
          }
        `),
        { d: ctx.mainDuty },
        office,
      )
    ).data!.admissionRequests.items;
    expect(reqByDuty.map((item: any) => item.form.title).sort()).toEqual(
      ['农村留守老人关爱服务情况表', '老年人健康管理花名册（合并版）', '耕地撂荒情况表'].sort(),
    );
    const result = graphql(`
      query ($n: Int!) {
        admissionRequests(take: $n) {
          totalItems
          items {
            id
            department {
              name
            }
            dutyItem {
              name
            }
            reviewer {
              displayName
              unit
            }
            submittedBy {
              displayName
              unit
            }
            form {
              title
              department {
                code
              }
              currentVersion {
                versionNo
                fields {
                  key
                  element {
                    code
                  }
                }
              }
            }
            formVersion {
              versionNo
            }
            decisions {
              action
              actor {
                displayName
                unit
              }
            }
          }
        }
      }
    `);
    // Each count is preceded by the same request once, so the cached caller and catalogue are warm
    // for both sizes and only the list's own SQL is compared. Both pages are full (TypeORM skips the
    // COUNT when a page comes back short), so the statements are the same kind.
    const counted = async <R, V>(query: TadaDocumentNode<R, V>, vars: V) => {
      await server.gql(query, vars, office);
      return server.countQueries(() => server.gql(query, vars, office));
    };
    const total = (
      await server.gql(
        graphql(`
          {
            admissionRequests {
              totalItems
            }
          }
        `),
        {},
        office,
      )
    ).data!.admissionRequests.totalItems;
    expect(total).toBeGreaterThan(5);
    const one = await counted(result, { n: 1 });
    const many = await counted(result, { n: total - 1 });
    expect(one.result.errors).toBeUndefined();
    expect(many.result.data!.admissionRequests.items.length).toBe(total - 1);
    expect(many.queries).toBe(one.queries);
    // skip 1: the newest form has only bound fields, so it would not look up suggestions at all.
    const fq = graphql(`
      query ($n: Int!, $s: Int) {
        forms(take: $n, skip: $s) {
          items {
            id
            department {
              name
            }
            dutyItem {
              name
            }
            versions {
              versionNo
            }
            currentVersion {
              fields {
                key
                element {
                  id
                }
                suggestions {
                  score
                }
              }
            }
            admissionHistory {
              action
            }
          }
        }
      }
    `);
    const f1 = await counted(fq, { n: 1, s: 1 });
    expect(f1.result.data!.forms.items[0].currentVersion!.fields[0].element).toBeNull();
    const forms = (
      await server.gql(
        graphql(`
          {
            forms {
              totalItems
            }
          }
        `),
        {},
        office,
      )
    ).data!.forms.totalItems;
    const fMany = await counted(fq, { n: forms - 1, s: 1 });
    expect(fMany.result.data!.forms.items.length).toBe(forms - 1);
    expect(forms - 1).toBeGreaterThan(1);
    expect(fMany.queries).toBe(f1.queries);
  });
});

describe('admission: the real default cap of 19 village forms', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('admission_cap');
  });
  afterAll(() => server.close());

  it('refuses the 20th active village form with CAP_EXCEEDED; a town form does not count', async () => {
    expect(server.config.villageFormCap).toBe(19);
    const ctx = await setup(server);
    const [mzj, office] = [await server.login('bm_mzj'), await server.login('jianfuban')];
    // Fixture: 19 forms already in force (written directly; the approval path is tested above).
    const dept = (
      await server.gql(
        graphql(`
          {
            me {
              department {
                id
              }
            }
          }
        `),
        {},
        mzj,
      )
    ).data!.me.department!.id;
    await server.dataSource.transaction(async (em) => {
      for (let i = 1; i <= 19; i++) {
        const saved = await em.getRepository(Form).save({
          title: `既有村级表${i}`,
          departmentId: dept,
          dutyItemId: ctx.mainDuty,
          targetLevel: TargetLevel.VILLAGE,
          frequency: Frequency.YEARLY,
          status: FormStatus.ACTIVE,
          currentVersionNo: 1,
          createdBy: 1,
          description: null,
        });
        const saved2 = await em
          .getRepository(FormVersion)
          .save({ formId: saved.id, versionNo: 1, createdBy: 1, submittedAt: new Date(), approvedAt: new Date() });
        await em.getRepository(FormField).insert({
          versionId: saved2.id,
          position: 0,
          fieldKey: 'x',
          label: `指标${i}`,
          valueType: ValueType.TEXT,
          required: false,
          section: FieldSection.VILLAGE,
        });
        await em.getRepository(Form).update({ id: saved.id }, { currentVersionId: saved2.id });
      }
    });
    const fields: Input<'FieldInput'>[] = [{ key: 'wells', label: '机井数', valueType: 'INTEGER', section: 'VILLAGE' }];
    const mk = async (title: string, level: Input<'TargetLevel'>) => {
      const id = (
        await server.gql(CREATE, { i: { title, dutyItemId: ctx.mainDuty, targetLevel: level, frequency: 'YEARLY', fields } }, mzj)
      ).data!.createForm.id;
      return (await server.gql(SUBMIT, { i: { formId: id, ...STATEMENTS } }, mzj)).data!.submitAdmissionRequest.id;
    };
    const town = await mk('镇级汇总表', 'TOWN');
    expect((await server.gql(REVIEW, { i: { id: town, decision: 'APPROVE' } }, office)).data!.reviewAdmissionRequest.status).toBe(
      'APPROVED',
    );
    const twentieth = await mk('第二十张村级表', 'VILLAGE');
    const gqlError = expectError(await server.gql(REVIEW, { i: { id: twentieth, decision: 'APPROVE' } }, office), 'CAP_EXCEEDED');
    expect(gqlError.message).toContain('19');
    const ok = (
      await server.gql(REVIEW, { i: { id: twentieth, decision: 'APPROVE', overrideCap: true, comment: '防汛专项，临时准入' } }, office)
    ).data!.reviewAdmissionRequest;
    expect(ok.capOverridden).toBe(true);
  });
});
