import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { graphql, type Input } from './support/graphql.js';

/**
 * The scope/oracle matrix: every Query and Mutation field of schema.gql has one line below saying
 * which roles may call it and, where its answer depends on whose data it is, probes that ask for
 * another village's / town's / department's objects and must get NOT_FOUND (the same message as
 * an id that does not exist), FORBIDDEN or an empty page — never the data. A field added to the
 * schema without a line here fails the first test, so a new one cannot be forgotten.
 */

const schema = buildSchema(readFileSync(new URL('../schema.gql', import.meta.url), 'utf8'));

type RoleName = Input<'Role'>;
const ALL_ROLES: RoleName[] = [
  'ADMIN',
  'SECURITY_ADMIN',
  'OFFICE_REVIEWER',
  'DEPARTMENT_STAFF',
  'TOWN_STAFF',
  'VILLAGE_CADRE',
  'VIEWER',
  'AUDITOR',
];
const ANY = ALL_ROLES;
const GRASSROOTS: RoleName[] = ['TOWN_STAFF', 'VILLAGE_CADRE'];
const BUT = (...not: RoleName[]) => ALL_ROLES.filter((role) => !not.includes(role));

/** The objects the probes point at, made in beforeAll: all belong to department A, town A and village A. */
interface Seed {
  formId: number;
  unapprovedVersionId: number;
  approvedVersionId: number;
  draftFormId: number;
  requestId: number;
  taskId: number;
  assignmentId: number;
  submissionId: number;
  feedbackId: number;
  /** Department A's consultation, asked of village A alone. */
  consultationId: number;
  villageAId: number;
  villageBId: number;
  townAId: number;
  userAId: number;
  /** Village A's own message (its new task). */
  messageId: number;
  /** Department A's work order, admitted, sent to town A, dispatched by town A to village A only. */
  orderId: number;
  dutyItemId: number;
}
/**
 * Callers outside A's scope, plus A's own (for the positive controls). The task went to town A's
 * villages and to village B, so for the task itself town C / village C are the outsiders.
 */
type Caller =
  | 'deptB'
  | 'townB'
  | 'villageB'
  | 'villageA2'
  | 'townC'
  | 'villageC'
  | 'deptA'
  | 'townA'
  | 'villageA'
  | 'office'
  | 'viewer'
  | 'admin'
  | 'security'
  | 'auditor';
type Outcome = 'NOT_FOUND' | 'FORBIDDEN' | 'EMPTY';
interface Probe {
  as: Caller;
  args: (seed: Seed) => Record<string, unknown>;
  /** NOT_FOUND by default; EMPTY: a page/list answered with nothing of A's. */
  expect?: Outcome;
  /** For NOT_FOUND: the same call for an object that does not exist must answer the very same message. */
  absent?: (seed: Seed) => Record<string, unknown>;
  select?: string;
}
interface Entry {
  /** Roles that may call it (others: FORBIDDEN, or UNAUTHENTICATED without a token); 'PUBLIC': no log-in. */
  roles: RoleName[] | 'PUBLIC';
  /** Why it has no probe: its answer is the same for every caller allowed (city-wide, own account, the caller's own slice). */
  unscoped?: string;
  probes?: Probe[];
}

const NONE = 987654321;
const id = (key: keyof Seed) => (seed: Seed) => ({ id: seed[key] });
const absentId = () => ({ id: NONE });

/** One line per field. Adding a query or mutation: add its line here. */
const MATRIX: Record<string, Entry> = {
  // ——— queries ———
  'Query.admissionRequest': {
    roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'ADMIN'],
    probes: [{ as: 'deptB', args: id('requestId'), absent: absentId }],
  },
  'Query.admissionRequests': {
    roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'ADMIN'],
    probes: [{ as: 'deptB', args: (seed) => ({ formId: seed.formId }), expect: 'EMPTY', select: 'totalItems' }],
  },
  'Query.assignment': {
    roles: ANY,
    probes: [
      { as: 'villageB', args: id('assignmentId'), absent: absentId },
      { as: 'villageA2', args: id('assignmentId'), absent: absentId },
      { as: 'townB', args: id('assignmentId'), absent: absentId },
      { as: 'deptB', args: id('assignmentId'), absent: absentId },
      { as: 'auditor', args: id('assignmentId'), absent: absentId },
      { as: 'security', args: id('assignmentId'), absent: absentId },
    ],
  },
  'Query.assignments': {
    roles: ANY,
    probes: [
      { as: 'villageB', args: (seed) => ({ regionId: seed.villageAId }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'townB', args: (seed) => ({ taskId: seed.taskId, regionId: seed.villageAId }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'deptB', args: (seed) => ({ taskId: seed.taskId }), expect: 'EMPTY', select: 'totalItems' },
    ],
  },
  'Query.auditEvents': { roles: ['AUDITOR'], unscoped: 'the whole log, auditor only' },
  'Query.auditActions': { roles: ['AUDITOR'], unscoped: 'the names of actions, no data' },
  'Query.auditArchives': { roles: ['AUDITOR'], unscoped: 'the whole log in monthly archives, auditor only' },
  'Query.auditKeeping': { roles: ['AUDITOR'], unscoped: 'the signing key and last checkpoint, auditor only' },
  'Query.autofill': {
    roles: ['VILLAGE_CADRE', 'TOWN_STAFF', 'ADMIN'],
    probes: [
      {
        as: 'villageB',
        args: (seed) => ({ formVersionId: seed.approvedVersionId, village: { id: seed.villageAId } }),
        absent: (seed) => ({ formVersionId: seed.approvedVersionId, village: { id: NONE } }),
      },
      { as: 'townB', args: (seed) => ({ formVersionId: seed.approvedVersionId, village: { id: seed.villageAId } }) },
      { as: 'villageA', args: (seed) => ({ formVersionId: seed.unapprovedVersionId, village: { id: seed.villageAId } }) },
    ],
  },
  'Query.autofillElements': {
    roles: ['VILLAGE_CADRE', 'TOWN_STAFF', 'ADMIN'],
    probes: [
      {
        as: 'villageB',
        args: (seed) => ({ elementCodes: ['village.households'], village: { id: seed.villageAId } }),
        absent: () => ({ elementCodes: ['village.households'], village: { id: NONE } }),
      },
      { as: 'villageA2', args: (seed) => ({ elementCodes: ['village.households'], village: { id: seed.villageAId } }) },
      { as: 'townB', args: (seed) => ({ elementCodes: ['village.households'], village: { id: seed.villageAId } }) },
    ],
  },
  'Query.burdenRanking': {
    roles: BUT('VILLAGE_CADRE', 'AUDITOR', 'SECURITY_ADMIN'),
    probes: [{ as: 'townB', args: (seed) => ({ limit: 5, year: 2025, townId: seed.townAId }), expect: 'EMPTY' }],
  },
  'Query.consultation': {
    roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'ADMIN', 'TOWN_STAFF', 'VILLAGE_CADRE'],
    probes: [
      { as: 'deptB', args: id('consultationId'), absent: absentId },
      { as: 'villageA2', args: id('consultationId'), absent: absentId },
      { as: 'villageB', args: id('consultationId'), absent: absentId },
      { as: 'townB', args: id('consultationId'), absent: absentId },
    ],
  },
  'Query.consultations': {
    roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'ADMIN', 'TOWN_STAFF', 'VILLAGE_CADRE'],
    probes: [
      { as: 'deptB', args: () => ({}), expect: 'EMPTY', select: 'totalItems' },
      { as: 'villageA2', args: () => ({}), expect: 'EMPTY', select: 'totalItems' },
      { as: 'townB', args: () => ({}), expect: 'EMPTY', select: 'totalItems' },
    ],
  },
  'Query.dataElement': { roles: ANY, unscoped: 'the catalogue is city-wide' },
  'Query.dataElements': { roles: ANY, unscoped: 'the catalogue is city-wide' },
  'Query.department': { roles: ANY, unscoped: 'departments are public names' },
  'Query.departmentStats': {
    roles: ['ADMIN', 'OFFICE_REVIEWER', 'VIEWER', 'DEPARTMENT_STAFF'],
    unscoped: 'a department reads its own row (insights scope)',
  },
  'Query.departments': { roles: ANY, unscoped: 'departments are public names' },
  'Query.dutyItem': { roles: ANY, unscoped: 'duty lists are published' },
  'Query.dutyItems': { roles: ANY, unscoped: 'duty lists are published' },
  'Query.messages': { roles: ANY, unscoped: 'the caller’s own messages (to them, their unit); test/messages.e2e-spec.ts' },
  'Query.unreadMessageCount': { roles: ANY, unscoped: 'the caller’s own unread count' },
  'Query.feedback': {
    roles: ['VILLAGE_CADRE', 'TOWN_STAFF', 'OFFICE_REVIEWER', 'VIEWER', 'ADMIN'],
    probes: [
      { as: 'villageA2', args: id('feedbackId'), absent: absentId },
      { as: 'villageB', args: id('feedbackId'), absent: absentId },
      { as: 'townB', args: id('feedbackId'), absent: absentId },
    ],
  },
  'Query.feedbackList': {
    roles: ['VILLAGE_CADRE', 'TOWN_STAFF', 'OFFICE_REVIEWER', 'VIEWER', 'ADMIN'],
    probes: [
      { as: 'villageB', args: (seed) => ({ filter: { villageId: seed.villageAId } }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'townB', args: (seed) => ({ filter: { townId: seed.townAId } }), expect: 'EMPTY', select: 'totalItems' },
    ],
  },
  'Query.form': {
    roles: ANY,
    probes: [
      { as: 'deptB', args: id('draftFormId'), absent: absentId },
      { as: 'villageA', args: id('draftFormId'), absent: absentId },
      { as: 'auditor', args: id('formId'), absent: absentId },
      { as: 'security', args: id('formId'), absent: absentId },
    ],
  },
  'Query.formVersion': {
    roles: ANY,
    probes: [
      { as: 'villageA', args: id('unapprovedVersionId'), absent: absentId },
      { as: 'viewer', args: id('unapprovedVersionId'), absent: absentId },
      { as: 'townB', args: id('unapprovedVersionId'), absent: absentId },
    ],
  },
  'Query.forms': { roles: ANY, probes: [{ as: 'deptB', args: () => ({ query: '矩阵' }), expect: 'EMPTY', select: 'totalItems' }] },
  'Query.importBatch': { roles: ['ADMIN'], unscoped: 'imports are the administrator’s' },
  'Query.importBatches': { roles: ['ADMIN'], unscoped: 'imports are the administrator’s' },
  'Query.importProgress': {
    roles: ['ADMIN'],
    unscoped: 'the caller’s own upload, keyed by caller and a key of theirs (import-progress test proves another admin sees null)',
  },
  'Query.interruptedImports': { roles: ['ADMIN'], unscoped: 'imports are the administrator’s' },
  'Query.me': { roles: ANY, unscoped: 'the caller’s own account' },
  'Query.mySecondFactor': { roles: ANY, unscoped: 'the caller’s own second factor' },
  'Query.mySessions': { roles: ANY, unscoped: 'the caller’s own sessions (test/sessions.e2e-spec.ts: only its own)' },
  'Query.sessions': { roles: ['SECURITY_ADMIN'], unscoped: 'account security, security administrator only' },
  'Query.myAssignments': { roles: GRASSROOTS, unscoped: 'the caller’s own slice by construction' },
  'Query.orderBurden': {
    roles: BUT('AUDITOR', 'SECURITY_ADMIN'),
    unscoped: 'figures for the caller’s own slice (insights scope; test/order-burden checks each slice)',
  },
  'Query.overview': { roles: BUT('AUDITOR', 'SECURITY_ADMIN'), unscoped: 'figures for the caller’s own slice (insights scope)' },
  'Query.publicDisclosure': { roles: 'PUBLIC', unscoped: 'the public page' },
  'Query.publicListItems': { roles: 'PUBLIC', unscoped: 'the public page’s lists' },
  'Query.managedPublicList': { roles: ['OFFICE_REVIEWER'], unscoped: 'the public lists are city-wide, kept by the office' },
  'Query.siteFooter': { roles: 'PUBLIC', unscoped: 'the footer of the log-in and public pages (operator’s configuration)' },
  'Query.timeZone': { roles: 'PUBLIC', unscoped: 'the platform’s time zone, for showing times' },
  'Query.region': { roles: ANY, unscoped: 'the region tree is public' },
  'Query.regions': { roles: ANY, unscoped: 'the region tree is public' },
  'Query.searchVillages': { roles: ANY, unscoped: 'village names are public' },
  'Query.subjectProfile': {
    roles: ['ADMIN', 'OFFICE_REVIEWER', 'TOWN_STAFF', 'VILLAGE_CADRE', 'VIEWER'],
    probes: [
      { as: 'villageB', args: (seed) => ({ village: { id: seed.villageAId } }), absent: () => ({ village: { id: NONE } }) },
      { as: 'townB', args: (seed) => ({ village: { id: seed.villageAId } }) },
    ],
  },
  'Query.submission': {
    roles: ANY,
    probes: [
      { as: 'villageB', args: id('submissionId'), absent: absentId },
      { as: 'villageA2', args: id('submissionId'), absent: absentId },
      { as: 'townB', args: id('submissionId'), absent: absentId },
      { as: 'deptB', args: id('submissionId'), absent: absentId },
      { as: 'viewer', args: id('submissionId'), absent: absentId },
    ],
  },
  'Query.suggestDataElements': { roles: ANY, unscoped: 'the catalogue is city-wide' },
  'Query.task': {
    roles: ANY,
    probes: [
      { as: 'deptB', args: id('taskId'), absent: absentId },
      { as: 'townC', args: id('taskId'), absent: absentId },
      { as: 'villageC', args: id('taskId'), absent: absentId },
    ],
  },
  'Query.taskProgress': {
    roles: BUT('AUDITOR', 'SECURITY_ADMIN'),
    probes: [
      { as: 'deptB', args: (seed) => ({ taskId: seed.taskId }), absent: () => ({ taskId: NONE }) },
      { as: 'townC', args: (seed) => ({ taskId: seed.taskId }), absent: () => ({ taskId: NONE }) },
      { as: 'villageC', args: (seed) => ({ taskId: seed.taskId }), absent: () => ({ taskId: NONE }) },
    ],
  },
  'Query.tasks': {
    roles: ANY,
    probes: [
      { as: 'deptB', args: (seed) => ({ formId: seed.formId }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'townC', args: (seed) => ({ formId: seed.formId }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'villageC', args: (seed) => ({ formId: seed.formId }), expect: 'EMPTY', select: 'totalItems' },
    ],
  },
  'Query.townProgress': {
    roles: BUT('VILLAGE_CADRE', 'AUDITOR', 'SECURITY_ADMIN'),
    unscoped: 'rows for the caller’s own slice (insights scope)',
  },
  'Query.trends': { roles: BUT('AUDITOR', 'SECURITY_ADMIN'), unscoped: 'figures for the caller’s own slice (insights scope)' },
  'Query.users': { roles: ['SECURITY_ADMIN'], unscoped: 'account management, the security administrator only (三员分立)' },
  'Query.verifyAuditChain': { roles: ['AUDITOR'], unscoped: 'the whole log, auditor only' },
  'Query.villageBurden': {
    roles: BUT('AUDITOR', 'SECURITY_ADMIN'),
    probes: [
      { as: 'villageB', args: (seed) => ({ villageId: seed.villageAId, year: 2025 }), absent: () => ({ villageId: NONE, year: 2025 }) },
      { as: 'townB', args: (seed) => ({ villageId: seed.villageAId, year: 2025 }), absent: () => ({ villageId: NONE, year: 2025 }) },
    ],
  },
  'Query.workOrder': {
    roles: ['ADMIN', 'DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'TOWN_STAFF', 'VILLAGE_CADRE'],
    probes: [
      { as: 'villageB', args: id('orderId'), absent: absentId },
      { as: 'villageA2', args: id('orderId'), absent: absentId },
      { as: 'townB', args: id('orderId'), absent: absentId },
      { as: 'deptB', args: id('orderId'), absent: absentId },
    ],
  },
  'Query.workOrders': {
    roles: ['ADMIN', 'DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'TOWN_STAFF', 'VILLAGE_CADRE'],
    probes: [
      { as: 'villageB', args: () => ({ search: '矩阵派单' }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'villageA2', args: () => ({ search: '矩阵派单' }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'townB', args: () => ({ search: '矩阵派单' }), expect: 'EMPTY', select: 'totalItems' },
      { as: 'deptB', args: () => ({ search: '矩阵派单' }), expect: 'EMPTY', select: 'totalItems' },
    ],
  },
  'Query.villageFormCap': { roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'ADMIN', 'VIEWER'], unscoped: 'one city-wide figure' },

  // ——— mutations (allowed roles are exercised by the probes and the module suites; the walk only checks refusals) ———
  'Mutation.acknowledgeFeedback': { roles: ['OFFICE_REVIEWER'], unscoped: 'the office handles every village’s feedback' },
  'Mutation.changePassword': { roles: ANY, unscoped: 'the caller’s own account' },
  'Mutation.beginSecondFactorEnrolment': { roles: ANY, unscoped: 'the caller’s own second factor' },
  'Mutation.confirmSecondFactor': { roles: ANY, unscoped: 'the caller’s own second factor' },
  'Mutation.resetSecondFactor': { roles: ['SECURITY_ADMIN'], unscoped: 'account security, security administrator only' },
  'Mutation.logout': { roles: ANY, unscoped: 'the caller’s own session' },
  'Mutation.endMyOtherSessions': { roles: ANY, unscoped: 'the caller’s own sessions' },
  'Mutation.endSession': { roles: ['SECURITY_ADMIN'], unscoped: 'account security, security administrator only' },
  'Mutation.endUserSessions': { roles: ['SECURITY_ADMIN'], unscoped: 'account security, security administrator only' },
  'Mutation.createServiceToken': { roles: ['SECURITY_ADMIN'], unscoped: 'account security, security administrator only' },
  'Mutation.answerConsultation': {
    roles: GRASSROOTS,
    probes: [
      {
        as: 'villageA2',
        args: (seed) => ({ input: { consultationId: seed.consultationId, answer: 'AGREE' } }),
        absent: () => ({ input: { consultationId: NONE, answer: 'AGREE' } }),
      },
      {
        as: 'townB',
        args: (seed) => ({ input: { consultationId: seed.consultationId, answer: 'AGREE' } }),
        absent: () => ({ input: { consultationId: NONE, answer: 'AGREE' } }),
      },
    ],
  },
  'Mutation.closeConsultation': { roles: ['DEPARTMENT_STAFF'], probes: [{ as: 'deptB', args: id('consultationId'), absent: absentId }] },
  'Mutation.createConsultation': {
    roles: ['DEPARTMENT_STAFF'],
    unscoped: 'made by the caller’s own department, asking any town or village',
  },
  'Mutation.completeWorkOrder': {
    roles: ['VILLAGE_CADRE'],
    probes: [
      {
        as: 'villageB',
        args: (seed) => ({ input: { orderId: seed.orderId, note: '越权办结' } }),
        absent: () => ({ input: { orderId: NONE, note: '越权办结' } }),
      },
      {
        as: 'villageA2',
        args: (seed) => ({ input: { orderId: seed.orderId, note: '越权办结' } }),
        absent: () => ({ input: { orderId: NONE, note: '越权办结' } }),
      },
    ],
  },
  'Mutation.dispatchWorkOrder': {
    roles: ['TOWN_STAFF'],
    probes: [
      {
        as: 'townB',
        args: (seed) => ({ input: { orderId: seed.orderId, villageIds: [seed.villageBId] } }),
        absent: (seed) => ({ input: { orderId: NONE, villageIds: [seed.villageBId] } }),
      },
    ],
  },
  'Mutation.receiveWorkOrder': {
    roles: ['VILLAGE_CADRE'],
    probes: [
      { as: 'villageB', args: (seed) => ({ orderId: seed.orderId }), absent: () => ({ orderId: NONE }) },
      { as: 'villageA2', args: (seed) => ({ orderId: seed.orderId }), absent: () => ({ orderId: NONE }) },
    ],
  },
  'Mutation.resubmitWorkOrder': {
    roles: ['DEPARTMENT_STAFF'],
    probes: [
      {
        as: 'deptB',
        args: (seed) => ({ id: seed.orderId, input: orderInput(seed) }),
        absent: (seed) => ({ id: NONE, input: orderInput(seed) }),
      },
    ],
  },
  'Mutation.submitWorkOrder': { roles: ['DEPARTMENT_STAFF'], unscoped: 'made in the caller’s own department' },
  'Mutation.closeTask': { roles: ['DEPARTMENT_STAFF'], probes: [{ as: 'deptB', args: id('taskId'), absent: absentId }] },
  'Mutation.createDataElement': { roles: ['ADMIN'], unscoped: 'the catalogue is city-wide' },
  'Mutation.createPublicListItem': { roles: ['OFFICE_REVIEWER'], unscoped: 'the public lists are city-wide' },
  'Mutation.updatePublicListItem': { roles: ['OFFICE_REVIEWER'], unscoped: 'the public lists are city-wide' },
  'Mutation.retirePublicListItem': { roles: ['OFFICE_REVIEWER'], unscoped: 'the public lists are city-wide' },
  'Mutation.restorePublicListItem': { roles: ['OFFICE_REVIEWER'], unscoped: 'the public lists are city-wide' },
  'Mutation.reorderPublicList': { roles: ['OFFICE_REVIEWER'], unscoped: 'the public lists are city-wide' },
  'Mutation.createDutyItem': { roles: ['ADMIN', 'OFFICE_REVIEWER'], unscoped: 'duty lists are city-wide' },
  'Mutation.createForm': { roles: ['DEPARTMENT_STAFF'], unscoped: 'made in the caller’s own department' },
  'Mutation.createTask': {
    roles: ['DEPARTMENT_STAFF'],
    probes: [
      {
        as: 'deptB',
        args: (seed) => ({ input: { formId: seed.formId, period: '2031-Q1', dueAt: '2031-03-31T00:00:00Z', all: true } }),
        absent: () => ({ input: { formId: NONE, period: '2031-Q1', dueAt: '2031-03-31T00:00:00Z', all: true } }),
      },
    ],
  },
  'Mutation.createUser': { roles: ['SECURITY_ADMIN'], unscoped: 'account management, the security administrator only (三员分立)' },
  'Mutation.deleteDutyItem': { roles: ['ADMIN', 'OFFICE_REVIEWER'], unscoped: 'duty lists are city-wide' },
  'Mutation.deleteForm': { roles: ['DEPARTMENT_STAFF'], probes: [{ as: 'deptB', args: id('draftFormId'), absent: absentId }] },
  'Mutation.fileFeedback': { roles: GRASSROOTS, unscoped: 'filed for the caller’s own village or town' },
  'Mutation.login': { roles: 'PUBLIC', unscoped: 'signing in' },
  'Mutation.resetPassword': { roles: ['SECURITY_ADMIN'], unscoped: 'account management, the security administrator only (三员分立)' },
  'Mutation.resolveFeedback': { roles: ['OFFICE_REVIEWER'], unscoped: 'the office handles every village’s feedback' },
  'Mutation.respondToFeedback': { roles: ['OFFICE_REVIEWER'], unscoped: 'the office handles every village’s feedback' },
  'Mutation.retireForm': { roles: ['OFFICE_REVIEWER'], unscoped: 'the office retires any form' },
  'Mutation.reviewAdmissionRequest': { roles: ['OFFICE_REVIEWER'], unscoped: 'the office reviews every request' },
  'Mutation.reviewSubmission': {
    roles: ['TOWN_STAFF', 'DEPARTMENT_STAFF'],
    probes: [
      {
        as: 'townB',
        args: (seed) => ({ submissionId: seed.submissionId, decision: 'RETURN', comment: '越权退回' }),
        absent: () => ({ submissionId: NONE, decision: 'RETURN', comment: '越权退回' }),
      },
      {
        as: 'deptB',
        args: (seed) => ({ submissionId: seed.submissionId, decision: 'ACCEPT' }),
        absent: () => ({ submissionId: NONE, decision: 'ACCEPT' }),
      },
    ],
  },
  'Mutation.saveSubmission': {
    roles: GRASSROOTS,
    probes: [
      {
        as: 'villageB',
        args: (seed) => ({ input: { assignmentId: seed.assignmentId, clientId: 'matrix-probe-1', expectedVersion: 1, values: [] } }),
        absent: () => ({ input: { assignmentId: NONE, clientId: 'matrix-probe-1', expectedVersion: 1, values: [] } }),
      },
      {
        as: 'townB',
        args: (seed) => ({ input: { assignmentId: seed.assignmentId, clientId: 'matrix-probe-2', expectedVersion: 1, values: [] } }),
      },
    ],
  },
  'Mutation.markAllMessagesRead': { roles: ANY, unscoped: 'the caller’s own messages only (test/messages.e2e-spec.ts)' },
  'Mutation.markMessageRead': {
    roles: ANY,
    probes: [
      { as: 'villageB', args: id('messageId'), absent: absentId },
      { as: 'villageA2', args: id('messageId'), absent: absentId },
      { as: 'townA', args: id('messageId'), absent: absentId },
      { as: 'deptA', args: id('messageId'), absent: absentId },
    ],
  },
  'Mutation.urgeTask': {
    roles: ['TOWN_STAFF', 'DEPARTMENT_STAFF'],
    probes: [
      { as: 'deptB', args: (seed) => ({ input: { taskId: seed.taskId } }), absent: () => ({ input: { taskId: NONE } }) },
      { as: 'townC', args: (seed) => ({ input: { taskId: seed.taskId } }), absent: () => ({ input: { taskId: NONE } }) },
    ],
  },
  'Mutation.runDeadlineReminders': { roles: ['ADMIN'], unscoped: 'a system job run on demand; it reads no caller’s data' },
  'Mutation.sendReminder': {
    roles: ['DEPARTMENT_STAFF'],
    probes: [{ as: 'deptB', args: (seed) => ({ taskId: seed.taskId }), absent: () => ({ taskId: NONE }) }],
  },
  'Mutation.setTownContact': { roles: ['ADMIN', 'OFFICE_REVIEWER'], unscoped: 'the public page’s contacts, kept by the office' },
  'Mutation.setUserDisabled': { roles: ['SECURITY_ADMIN'], unscoped: 'account management, the security administrator only (三员分立)' },
  'Mutation.submitAdmissionRequest': {
    roles: ['DEPARTMENT_STAFF'],
    probes: [
      {
        as: 'deptB',
        args: (seed) => ({ input: { formId: seed.draftFormId, ...STATEMENTS } }),
        absent: () => ({ input: { formId: NONE, ...STATEMENTS } }),
      },
    ],
  },
  'Mutation.updateDataElement': { roles: ['ADMIN'], unscoped: 'the catalogue is city-wide' },
  'Mutation.setDataElementAliases': { roles: ['ADMIN'], unscoped: 'the catalogue is city-wide' },
  'Mutation.updateDutyItem': { roles: ['ADMIN', 'OFFICE_REVIEWER'], unscoped: 'duty lists are city-wide' },
  'Mutation.updateForm': {
    roles: ['DEPARTMENT_STAFF'],
    probes: [
      {
        as: 'deptB',
        args: (seed) => ({ id: seed.draftFormId, input: { title: '越权修改' } }),
        absent: () => ({ id: NONE, input: { title: '越权修改' } }),
      },
    ],
  },
  'Mutation.withdrawAdmissionRequest': { roles: ['DEPARTMENT_STAFF'], probes: [{ as: 'deptB', args: id('requestId'), absent: absentId }] },
};

const STATEMENTS = {
  departmentDoes: '市局负责制定统计口径、汇总全市数据并承担核查工作',
  villageDoes: '村委会每季度核对本村水井和当家塘数量并在平台填报',
  departmentSupport: '市局提供培训和技术指导，并将往期数据预先导入平台',
  legalBasis: '《中华人民共和国水法》第二十三条及省水利厅相关通知',
  justification: '掌握农村小型水利设施底数，支撑抗旱调度和维修资金分配',
};

/** A valid work order of department A's kind, for the probes (a valid input reaches the scope check). */
const orderInput = (seed: Seed) => ({
  kind: 'TASK',
  title: '矩阵派单：水井安全巡查',
  content: '汛期前对本村水井逐一巡查，登记需要加盖或维修的水井。',
  dutyItemId: seed.dutyItemId,
  departmentDoes: STATEMENTS.departmentDoes,
  villageDoes: STATEMENTS.villageDoes,
  legalBasis: STATEMENTS.legalBasis,
  justification: STATEMENTS.justification,
  fundsYuan: 0,
  supportStaff: '无',
  supportMaterials: '市局提供水井警示牌',
  deadline: '2099-06-30',
  townIds: [seed.townAId],
});

function schemaFields(): { key: string; kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  return (['Query', 'Mutation'] as const).flatMap((typeName) =>
    Object.values((schema.getType(typeName) as GraphQLObjectType).getFields()).map((field) => ({
      key: `${typeName}.${field.name}`,
      kind: typeName === 'Query' ? ('query' as const) : ('mutation' as const),
      field,
    })),
  );
}

/** A value of the argument's type that names nothing real (ids that do not exist), for the role walk. */
function dummy(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return dummy(type.ofType);
  if (type instanceof GraphQLList) return [dummy(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType)
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => field.type instanceof GraphQLNonNull)
        .map((field) => [field.name, dummy(field.type)]),
    );
  const scalar = type as GraphQLScalarType;
  switch (scalar.name) {
    case 'Int':
      return NONE;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2031-01-01T00:00:00.000Z';
    default:
      return 'x';
  }
}

/** `query ($a: T, …) { field(a: $a, …) { <selection> } }` for the args given, with the schema's own argument types. */
function documentFor(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  select?: string,
): string {
  const used = field.args.filter((arg) => args[arg.name] !== undefined);
  const decl = used.length ? `(${used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})` : '';
  const call = used.length ? `(${used.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isLeafType(getNamedType(field.type)) ? '' : ` { ${select ?? '__typename'} }`;
  return `${kind} ${decl} { ${field.name}${call}${selection} }`;
}

function requiredDummies(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    field.args
      .filter((arg) => arg.type instanceof GraphQLNonNull && arg.defaultValue === undefined)
      .map((arg) => [arg.name, dummy(arg.type)]),
  );
}

function fieldValue(result: GqlResult, name: string): unknown {
  return (result.data as Record<string, unknown> | null | undefined)?.[name] ?? null;
}

describe('scope/oracle matrix: every query and mutation of schema.gql', () => {
  it('has one entry for every Query and Mutation field, and none for a field that is gone', () => {
    const keys = schemaFields().map((item) => item.key);
    expect(keys.filter((key) => !MATRIX[key])).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !keys.includes(key))).toEqual([]);
    for (const [key, entry] of Object.entries(MATRIX)) expect([key, !!(entry.unscoped || entry.probes?.length)]).toEqual([key, true]);
  });

  describe('on a running server', () => {
    let server: TestApp;
    let seed: Seed;
    const tokens = {} as Record<Caller, string>;
    const roleToken = {} as Record<RoleName, string>;

    const ok = async <T>(result: Promise<GqlResult<T>>): Promise<T> => {
      const done = await result;
      if (done.errors) throw new Error(JSON.stringify(done.errors));
      return done.data!;
    };

    beforeAll(async () => {
      server = await startTestApp('scope_matrix');
      const admin = await server.login('admin');
      const villages = (
        await ok(
          server.gql(
            graphql(`
              {
                regions(level: VILLAGE) {
                  id
                  code
                  parentId
                }
              }
            `),
            {},
            admin,
          ),
        )
      ).regions;
      const villageA = villages.find((village) => village.code === '420683003200')!;
      const villageA2 = villages.find((village) => village.parentId === villageA.parentId && village.id !== villageA.id)!;
      const villageB = villages.find((village) => village.parentId !== villageA.parentId)!;
      const villageC = villages.find((village) => village.parentId !== villageA.parentId && village.parentId !== villageB.parentId)!;
      const USERS = graphql(`
        query ($role: Role, $regionId: Int) {
          users(role: $role, regionId: $regionId) {
            items {
              id
              username
            }
          }
        }
      `);
      const security = await server.login('anquan');
      const townUser = async (townId: number) =>
        (await ok(server.gql(USERS, { role: 'TOWN_STAFF', regionId: townId }, security))).users.items[0].username;
      const cadreA = (await ok(server.gql(USERS, { role: 'VILLAGE_CADRE', regionId: villageA.id }, security))).users.items[0];
      const names: Record<Caller, string> = {
        deptA: 'bm_mzj',
        deptB: 'bm_nyncj',
        townA: await townUser(villageA.parentId!),
        townB: await townUser(villageB.parentId!),
        villageA: cadreA.username,
        villageA2: `cun_${villageA2.code}`,
        villageB: `cun_${villageB.code}`,
        townC: await townUser(villageC.parentId!),
        villageC: `cun_${villageC.code}`,
        office: 'jianfuban',
        viewer: 'lingdao',
        admin: 'admin',
        security: 'anquan',
        auditor: 'shenji',
      };
      for (const [caller, username] of Object.entries(names)) tokens[caller as Caller] = await server.login(username);
      Object.assign(roleToken, {
        ADMIN: tokens.admin,
        SECURITY_ADMIN: tokens.security,
        OFFICE_REVIEWER: tokens.office,
        DEPARTMENT_STAFF: tokens.deptA,
        TOWN_STAFF: tokens.townA,
        VILLAGE_CADRE: tokens.villageA,
        VIEWER: tokens.viewer,
        AUDITOR: tokens.auditor,
      });

      // Department A's form: v1 returned by the office (never approved), v2 approved → ACTIVE.
      const duty = (
        await ok(
          server.gql(
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
            tokens.deptA,
          ),
        )
      ).dutyItems.items[0].id;
      const CREATE = graphql(`
        mutation ($i: CreateFormInput!) {
          createForm(input: $i) {
            id
            currentVersion {
              id
            }
          }
        }
      `);
      const fields: Input<'FieldInput'>[] = [
        { key: 'wells', label: '水井数', valueType: 'INTEGER', required: true, section: 'VILLAGE', min: 0 },
      ];
      const form = (
        await ok(
          server.gql(
            CREATE,
            { i: { title: '矩阵水井季报', dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'QUARTERLY', fields } },
            tokens.deptA,
          ),
        )
      ).createForm;
      const draft = (
        await ok(
          server.gql(
            CREATE,
            { i: { title: '矩阵草稿表', dutyItemId: duty, targetLevel: 'VILLAGE', frequency: 'QUARTERLY', fields } },
            tokens.deptA,
          ),
        )
      ).createForm;
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
      const first = (await ok(server.gql(SUBMIT, { i: { formId: form.id, ...STATEMENTS } }, tokens.deptA))).submitAdmissionRequest;
      await ok(server.gql(REVIEW, { i: { id: first.id, decision: 'RETURN', comment: '请补充填报口径说明' } }, tokens.office));
      const v2 = (
        await ok(
          server.gql(
            graphql(`
              mutation ($id: Int!) {
                updateForm(id: $id, input: { description: "水井按村统计，含废弃井" }) {
                  currentVersion {
                    id
                  }
                }
              }
            `),
            { id: form.id },
            tokens.deptA,
          ),
        )
      ).updateForm.currentVersion!.id;
      const second = (await ok(server.gql(SUBMIT, { i: { formId: form.id, ...STATEMENTS } }, tokens.deptA))).submitAdmissionRequest;
      await ok(server.gql(REVIEW, { i: { id: second.id, decision: 'APPROVE' } }, tokens.office));

      // Its task: town A's villages and village B; village A submits.
      const task = (
        await ok(
          server.gql(
            graphql(`
              mutation ($i: CreateTaskInput!) {
                createTask(input: $i) {
                  id
                }
              }
            `),
            {
              i: {
                formId: form.id,
                period: '2030-Q1',
                dueAt: '2030-03-31T00:00:00.000Z',
                townIds: [villageA.parentId!],
                villageIds: [villageB.id],
              },
            },
            tokens.deptA,
          ),
        )
      ).createTask;
      const mine = (
        await ok(
          server.gql(
            graphql(`
              query ($t: Int) {
                assignments(taskId: $t) {
                  items {
                    id
                  }
                }
              }
            `),
            { t: task.id },
            tokens.villageA,
          ),
        )
      ).assignments.items[0];
      const submission = (
        await ok(
          server.gql(
            graphql(`
              mutation ($i: SaveSubmissionInput!) {
                saveSubmission(input: $i) {
                  id
                }
              }
            `),
            {
              i: {
                assignmentId: mine.id,
                clientId: 'matrix-seed-0001',
                expectedVersion: 0,
                values: [{ key: 'wells', value: '3' }],
                submit: true,
              },
            },
            tokens.villageA,
          ),
        )
      ).saveSubmission;
      const feedback = (
        await ok(
          server.gql(
            graphql(`
              mutation ($i: FileFeedbackInput!) {
                fileFeedback(input: $i) {
                  id
                }
              }
            `),
            { i: { type: 'SUGGESTION', title: '矩阵建议', content: '希望水井表与去年数据自动比对。' } },
            tokens.villageA,
          ),
        )
      ).fileFeedback;
      const consultation = (
        await ok(
          server.gql(
            graphql(`
              mutation ($i: CreateConsultationInput!) {
                createConsultation(input: $i) {
                  id
                }
              }
            `),
            { i: { title: '矩阵征求意见', draft: '水井表草稿，请提意见。', dueAt: '2030-03-31T00:00:00.000Z', regionIds: [villageA.id] } },
            tokens.deptA,
          ),
        )
      ).createConsultation;
      // Department A's work order: admitted, sent to town A, which dispatches it to village A only.
      const orderSeed = { dutyItemId: duty, townAId: villageA.parentId! } as Seed;
      const order = (
        await ok(
          server.gql(
            graphql(`
              mutation ($i: WorkOrderInput!) {
                submitWorkOrder(input: $i) {
                  id
                  admissionRequestId
                }
              }
            `),
            { i: orderInput(orderSeed) as Input<'WorkOrderInput'> },
            tokens.deptA,
          ),
        )
      ).submitWorkOrder;
      await ok(server.gql(REVIEW, { i: { id: order.admissionRequestId!, decision: 'APPROVE' } }, tokens.office));
      await ok(
        server.gql(
          graphql(`
            mutation ($i: DispatchWorkOrderInput!) {
              dispatchWorkOrder(input: $i) {
                id
              }
            }
          `),
          { i: { orderId: order.id, villageIds: [villageA.id] } },
          tokens.townA,
        ),
      );
      seed = {
        consultationId: consultation.id,
        orderId: order.id,
        dutyItemId: duty,
        formId: form.id,
        unapprovedVersionId: form.currentVersion!.id,
        approvedVersionId: v2,
        draftFormId: draft.id,
        requestId: second.id,
        taskId: task.id,
        assignmentId: mine.id,
        submissionId: submission.id,
        feedbackId: feedback.id,
        villageAId: villageA.id,
        villageBId: villageB.id,
        townAId: villageA.parentId!,
        userAId: cadreA.id,
        messageId: (
          await ok(
            server.gql(
              graphql(`
                {
                  messages(take: 1) {
                    items {
                      id
                    }
                  }
                }
              `),
              {},
              tokens.villageA,
            ),
          )
        ).messages.items[0].id,
      };
    });
    afterAll(() => server?.close());

    it('every field refuses the roles its entry does not list (FORBIDDEN; UNAUTHENTICATED without a token), with no data', async () => {
      const wrong: string[] = [];
      for (const { key, kind, field } of schemaFields()) {
        const entry = MATRIX[key];
        const document = documentFor(kind, field, requiredDummies(field));
        const variables = requiredDummies(field);
        if (entry.roles !== 'PUBLIC') {
          const anonymous = await server.gqlRaw(document, variables);
          if (anonymous.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED' || fieldValue(anonymous, field.name) !== null)
            wrong.push(`${key} without a token: ${JSON.stringify(anonymous).slice(0, 200)}`);
        }
        for (const role of ALL_ROLES) {
          const allowed = entry.roles === 'PUBLIC' || entry.roles.includes(role);
          if (allowed && kind === 'mutation') continue; // not run with made-up input: the probes and module suites run them
          const result = await server.gqlRaw(document, variables, roleToken[role]);
          const code = result.errors?.[0]?.extensions.code;
          if (!allowed && (code !== 'FORBIDDEN' || fieldValue(result, field.name) !== null))
            wrong.push(`${key} as ${role} should be refused: ${JSON.stringify(result).slice(0, 200)}`);
          if (allowed && (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED'))
            wrong.push(`${key} as ${role} should be allowed: ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('every scoped field answers another unit’s ids as if they did not exist, and shows none of its data', async () => {
      const wrong: string[] = [];
      for (const { key, kind, field } of schemaFields()) {
        for (const probe of MATRIX[key].probes ?? []) {
          const args = probe.args(seed);
          const result = await server.gqlRaw(documentFor(kind, field, args, probe.select), args, tokens[probe.as]);
          const label = `${key} as ${probe.as} ${JSON.stringify(args)}`;
          const value = fieldValue(result, field.name);
          const expected = probe.expect ?? 'NOT_FOUND';
          if (expected === 'EMPTY') {
            const empty = result.errors
              ? false
              : Array.isArray(value)
                ? value.length === 0
                : (value as { totalItems?: number }).totalItems === 0;
            if (!empty) wrong.push(`${label}: expected nothing, got ${JSON.stringify(result).slice(0, 300)}`);
            continue;
          }
          const code = result.errors?.[0]?.extensions.code;
          if (code !== expected || value !== null) {
            wrong.push(`${label}: expected ${expected}, got ${JSON.stringify(result).slice(0, 300)}`);
            continue;
          }
          if (probe.absent) {
            const absentArgs = probe.absent(seed);
            const absent = await server.gqlRaw(documentFor(kind, field, absentArgs, probe.select), absentArgs, tokens[probe.as]);
            if (absent.errors?.[0]?.extensions.code !== code || absent.errors?.[0]?.message !== result.errors![0].message)
              wrong.push(
                `${label}: answers “${result.errors![0].message}” but an absent one “${absent.errors?.[0]?.message}” (${absent.errors?.[0]?.extensions.code})`,
              );
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('the owners still see what the probes were refused (the probes point at real objects)', async () => {
      const seen = async (query: string, args: Record<string, unknown>, as: Caller) => {
        const result = await server.gqlRaw(query, args, tokens[as]);
        expect([query, result.errors]).toEqual([query, undefined]);
      };
      await seen('query ($id: Int!) { assignment(id: $id) { id } }', { id: seed.assignmentId }, 'villageA');
      await seen('query ($id: Int!) { submission(id: $id) { id } }', { id: seed.submissionId }, 'townA');
      await seen('query ($id: Int!) { workOrder(id: $id) { id villages { villageId } } }', { id: seed.orderId }, 'villageA');
      await seen('query ($id: Int!) { workOrder(id: $id) { id } }', { id: seed.orderId }, 'townA');
      await seen('mutation ($id: Int!) { receiveWorkOrder(orderId: $id) { id } }', { id: seed.orderId }, 'villageA');
      await seen('query ($id: Int!) { feedback(id: $id) { id } }', { id: seed.feedbackId }, 'villageA');
      await seen('query ($id: Int!) { consultation(id: $id) { id } }', { id: seed.consultationId }, 'villageA');
      await seen('query ($id: Int!) { consultation(id: $id) { id } }', { id: seed.consultationId }, 'townA');
      await seen('query ($id: Int!) { consultation(id: $id) { id } }', { id: seed.consultationId }, 'deptA');
      await seen('query ($id: Int!) { form(id: $id) { id } }', { id: seed.draftFormId }, 'deptA');
      await seen('query ($id: Int!) { formVersion(id: $id) { id } }', { id: seed.unapprovedVersionId }, 'deptA');
      await seen('query ($id: Int!) { admissionRequest(id: $id) { id } }', { id: seed.requestId }, 'deptA');
      await seen('query ($id: Int!) { task(id: $id) { id } }', { id: seed.taskId }, 'townA');
      await seen('query ($t: Int!) { taskProgress(taskId: $t) { taskId } }', { t: seed.taskId }, 'villageA');
      await seen('query ($v: Int!) { villageBurden(villageId: $v, year: 2025) { fillsDue } }', { v: seed.villageAId }, 'townA');
    });

    it('form { versions currentVersion } shows a cadre and the city viewer only approved versions, like formVersion(id)', async () => {
      const FORM = graphql(`
        query ($id: Int!) {
          form(id: $id) {
            versions {
              id
            }
            currentVersion {
              id
            }
          }
        }
      `);
      for (const as of ['villageA', 'viewer', 'townA'] as const) {
        const form = (await ok(server.gql(FORM, { id: seed.formId }, tokens[as]))).form;
        expect([as, form.versions.map((version) => version.id)]).toEqual([as, [seed.approvedVersionId]]);
        expect(form.currentVersion?.id).toBe(seed.approvedVersionId);
      }
      for (const as of ['deptA', 'office'] as const) {
        const form = (await ok(server.gql(FORM, { id: seed.formId }, tokens[as]))).form;
        expect(form.versions.map((version) => version.id)).toEqual([seed.unapprovedVersionId, seed.approvedVersionId]);
      }
    });

    it('a task’s counts seen through an assignment cover only the caller’s own units', async () => {
      const ASSIGNMENT = graphql(`
        query ($id: Int!) {
          assignment(id: $id) {
            task {
              assignmentCount
              progress {
                status
                count
              }
            }
          }
        }
      `);
      const TASK = graphql(`
        query ($id: Int!) {
          task(id: $id) {
            assignmentCount
            progress {
              count
            }
          }
        }
      `);
      const total = (await ok(server.gql(TASK, { id: seed.taskId }, tokens.deptA))).task;
      const sum = (list: { count: number }[]) => list.reduce((acc, { count }) => acc + count, 0);
      expect(sum(total.progress)).toBe(total.assignmentCount);
      const village = (await ok(server.gql(ASSIGNMENT, { id: seed.assignmentId }, tokens.villageA))).assignment.task;
      expect(village.assignmentCount).toBe(1);
      expect(village.progress).toEqual([{ status: 'SUBMITTED', count: 1 }]);
      const town = (await ok(server.gql(ASSIGNMENT, { id: seed.assignmentId }, tokens.townA))).assignment.task;
      // Village B (another town) got the task too: town A counts its own villages only.
      expect(town.assignmentCount).toBe(total.assignmentCount - 1);
      expect(sum(town.progress)).toBe(town.assignmentCount);
    });
  });
});
