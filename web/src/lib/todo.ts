import { graphql, type ResultOf } from '../graphql.js';
import { gqlQuery } from './api.js';
import type { Me, Role } from './auth.js';

/** One "what to do next" card on the home page. count null = not available yet. */
export interface TodoCard {
  key: string;
  title: string;
  hint: string;
  to: string;
  count: number | null;
  urgent?: boolean;
}

type Loader = (me: Me) => Promise<TodoCard[]>;

const safe = async <Value>(load: () => Promise<Value>, fallback: Value): Promise<Value> => {
  try {
    return await load();
  } catch {
    return fallback;
  }
};

const CadreTodoQuery = graphql(`
  {
    orders: workOrders(awaitingMe: true, take: 1) {
      totalItems
    }
    todo: myAssignments(status: TODO, take: 1) {
      totalItems
    }
    overdue: myAssignments(status: OVERDUE, take: 1) {
      totalItems
    }
    returned: myAssignments(status: RETURNED, take: 1) {
      totalItems
    }
  }
`);
const DepartmentTodoQuery = graphql(`
  {
    orders: workOrders(awaitingMe: true, take: 1) {
      totalItems
    }
    drafts: forms(status: DRAFT, take: 1) {
      totalItems
    }
    returned: forms(status: RETURNED, take: 1) {
      totalItems
    }
    pending: admissionRequests(status: PENDING, take: 1) {
      totalItems
    }
  }
`);
const OfficeTodoQuery = graphql(`
  {
    orders: workOrders(awaitingMe: true, take: 1) {
      totalItems
    }
    pending: admissionRequests(status: PENDING, take: 1) {
      totalItems
    }
    villageFormCap {
      activeVillageForms
      cap
    }
    open: feedbackList(filter: { status: OPEN }, take: 1) {
      totalItems
    }
  }
`);
const TownTodoQuery = graphql(`
  {
    orders: workOrders(awaitingMe: true, take: 1) {
      totalItems
    }
    submitted: myAssignments(status: SUBMITTED, take: 1) {
      totalItems
    }
    overdue: myAssignments(status: OVERDUE, take: 1) {
      totalItems
    }
  }
`);
const UserCountQuery = graphql(`
  {
    users(take: 1) {
      totalItems
    }
  }
`);
const AuditChainQuery = graphql(`
  {
    verifyAuditChain {
      ok
      checked
    }
  }
`);

const LOADERS: Record<Role, Loader> = {
  VILLAGE_CADRE: async () => {
    const data = await safe<ResultOf<typeof CadreTodoQuery> | null>(() => gqlQuery(CadreTodoQuery), null);
    return [
      {
        key: 'due',
        title: '待填报表',
        hint: '本村需要填报的报表，按截止时间排序',
        to: '/assignments',
        count: data?.todo.totalItems ?? null,
      },
      {
        key: 'overdue',
        title: '已逾期',
        hint: '已过截止时间仍未提交，请尽快填报',
        to: '/assignments',
        count: data?.overdue.totalItems ?? null,
        urgent: true,
      },
      {
        key: 'returned',
        title: '被退回',
        hint: '镇(街道)退回的报表，看退回原因后修改再提交',
        to: '/assignments',
        count: data?.returned.totalItems ?? null,
        urgent: true,
      },
      {
        key: 'orders',
        title: '待办派单',
        hint: '镇(街道)派发的工作：先接收，办完报告办结',
        to: '/my-orders',
        count: data?.orders.totalItems ?? null,
        urgent: true,
      },
      { key: 'feedback', title: '我的反馈', hint: '遇到表外填报、重复填报，点右上角“一键反馈”', to: '/my-feedback', count: null },
    ];
  },
  DEPARTMENT_STAFF: async () => {
    const data = await safe<ResultOf<typeof DepartmentTodoQuery> | null>(() => gqlQuery(DepartmentTodoQuery), null);
    return [
      {
        key: 'returned',
        title: '被退回的表单',
        hint: '减负办退回：按审核意见修改后重新提交',
        to: '/forms',
        count: data?.returned.totalItems ?? null,
        urgent: true,
      },
      {
        key: 'forms',
        title: '表单草稿',
        hint: '新建表单，绑定数据元，平台已有的数据自动带出',
        to: '/forms',
        count: data?.drafts.totalItems ?? null,
      },
      {
        key: 'admission',
        title: '审核中的申请',
        hint: '已提交减负办，查看审核意见与重合分析',
        to: '/admission',
        count: data?.pending.totalItems ?? null,
      },
      {
        key: 'orders',
        title: '被退回的派单',
        hint: '减负办退回的工作任务、督查考核、会议活动、证明：修改后重新提交',
        to: '/orders',
        count: data?.orders.totalItems ?? null,
        urgent: true,
      },
      { key: 'tasks', title: '下发与进度', hint: '下发已准入的表单，跟踪各村填报进度', to: '/tasks', count: null },
    ];
  },
  OFFICE_REVIEWER: async () => {
    const data = await safe<ResultOf<typeof OfficeTodoQuery> | null>(() => gqlQuery(OfficeTodoQuery), null);
    return [
      {
        key: 'reviews',
        title: '待审核申请',
        hint: '对照重复度与负担分析，准入、退回或不予准入',
        to: '/reviews',
        count: data?.pending.totalItems ?? null,
        urgent: true,
      },
      {
        key: 'orders',
        title: '待审核派单',
        hint: '部门派单：看三个明确和随单资金、人员、物资，准入、退回或不予准入',
        to: '/order-reviews',
        count: data?.orders.totalItems ?? null,
        urgent: true,
      },
      {
        key: 'cap',
        title: '村级生效表单',
        hint: data ? `上限 ${data.villageFormCap.cap} 张，当前 ${data.villageFormCap.activeVillageForms} 张` : '村级表单上限',
        to: '/reviews',
        count: data?.villageFormCap.activeVillageForms ?? null,
      },
      {
        key: 'feedback',
        title: '待受理反馈',
        hint: '村(社区)一键投诉与监测点反馈',
        to: '/feedback',
        count: data?.open.totalItems ?? null,
        urgent: true,
      },
      { key: 'dashboard', title: '一屏观全域', hint: '全市报表负担与填报进度', to: '/dashboard', count: null },
    ];
  },
  TOWN_STAFF: async () => {
    const data = await safe<ResultOf<typeof TownTodoQuery> | null>(() => gqlQuery(TownTodoQuery), null);
    return [
      {
        key: 'submissions',
        title: '待审核提交',
        hint: '本镇各村已提交的报表，通过或退回',
        to: '/submissions',
        count: data?.submitted.totalItems ?? null,
        urgent: true,
      },
      { key: 'overdue', title: '逾期未报', hint: '本镇逾期未提交的村(社区)', to: '/submissions', count: data?.overdue.totalItems ?? null },
      {
        key: 'orders',
        title: '待派发派单',
        hint: '减负办准入的派单：选本镇的村(社区)派发',
        to: '/order-dispatch',
        count: data?.orders.totalItems ?? null,
        urgent: true,
      },
      { key: 'progress', title: '任务进度', hint: '各项任务在本镇各村的完成情况', to: '/tasks', count: null },
    ];
  },
  VIEWER: async () => [{ key: 'dashboard', title: '一屏观全域', hint: '全市报表负担、完成率、自动填充率', to: '/dashboard', count: null }],
  ADMIN: async () => [
    { key: 'imports', title: '历史数据导入', hint: '导入 Excel/CSV 历史数据，供自动填充', to: '/imports', count: null },
    { key: 'catalog', title: '数据元目录', hint: '维护数据元及其别名', to: '/catalog', count: null },
  ],
  SECURITY_ADMIN: async () => {
    const users = await safe<number | null>(async () => (await gqlQuery(UserCountQuery)).users.totalItems, null);
    return [
      { key: 'users', title: '用户', hint: '新建账号、停用、重置密码并解除锁定', to: '/users', count: users },
      { key: 'sessions', title: '会话与服务令牌', hint: '查看谁在登录、结束会话，为大屏等系统签发只读令牌', to: '/sessions', count: null },
    ];
  },
  AUDITOR: async () => {
    const chain = await safe<ResultOf<typeof AuditChainQuery>['verifyAuditChain'] | null>(
      async () => (await gqlQuery(AuditChainQuery)).verifyAuditChain,
      null,
    );
    return [
      {
        key: 'audit',
        title: chain ? (chain.ok ? '审计链完整' : '审计链异常') : '审计日志',
        hint: '查看全部操作记录，校验哈希链是否被篡改',
        to: '/audit',
        count: chain?.checked ?? null,
        urgent: chain ? !chain.ok : false,
      },
    ];
  },
};

export function loadTodos(me: Me): Promise<TodoCard[]> {
  return LOADERS[me.role](me);
}
