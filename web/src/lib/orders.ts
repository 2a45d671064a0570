import type { Enum } from '../graphql.js';
import type { TagType } from './labels.js';

// Work orders (派单, issue 19): the Chinese a clerk reads for the schema's enums. Each record is typed by its
// enum, so a value added on the server is a type error here until it has a name.

export type OrderKind = Exclude<Enum<'WorkOrderKind'>, 'REPORT'>;
export type OrderStatus = Enum<'WorkOrderStatus'>;
export type VillageStatus = Enum<'WorkOrderVillageStatus'>;
export type TownStatus = Enum<'WorkOrderTownStatus'>;
export type OrderAction = Enum<'WorkOrderAction'>;
export type ReturnCategory = Enum<'ReturnCategory'>;

/** The kinds a department sends as a work order (报表 goes through the form designer). */
export const ORDER_KINDS: Record<OrderKind, string> = {
  TASK: '工作任务',
  INSPECTION: '督查考核',
  MEETING: '会议活动',
  CERTIFICATE: '开具证明',
};
/** Every kind, 报表 included (the office's admission queue lists forms and orders together). */
export const ALL_KINDS: Record<Enum<'WorkOrderKind'>, string> = { REPORT: '报表', ...ORDER_KINDS };

export const ORDER_STATUS: Record<OrderStatus, { label: string; type: TagType }> = {
  PENDING: { label: '待审核', type: 'warning' },
  APPROVED: { label: '已准入', type: 'success' },
  RETURNED: { label: '退回修改', type: 'danger' },
  REJECTED: { label: '不予准入', type: 'danger' },
  WITHDRAWN: { label: '已撤回', type: 'info' },
};

export const TOWN_STATUS: Record<TownStatus, { label: string; type: TagType }> = {
  WAITING: { label: '待派发', type: 'warning' },
  DISPATCHED: { label: '已派发', type: 'success' },
};

export const VILLAGE_STATUS: Record<VillageStatus, { label: string; type: TagType }> = {
  SENT: { label: '待接收', type: 'warning' },
  RECEIVED: { label: '已接收', type: 'primary' },
  DONE: { label: '已办结', type: 'success' },
};

/** 纪实: what each step was, and its colour on the timeline. */
export const STEPS: Record<OrderAction, { label: string; type: TagType }> = {
  SUBMIT: { label: '部门提交', type: 'primary' },
  APPROVE: { label: '减负办准入', type: 'success' },
  RETURN: { label: '减负办退回', type: 'warning' },
  REJECT: { label: '不予准入', type: 'danger' },
  SYSTEM_REJECT: { label: '系统拒绝（负面清单）', type: 'danger' },
  WITHDRAW: { label: '部门撤回', type: 'info' },
  DISPATCH: { label: '镇(街道)派发', type: 'primary' },
  RECEIVE: { label: '村(社区)接收', type: 'primary' },
  REMIND: { label: '接收提醒', type: 'warning' },
  DONE: { label: '村(社区)办结', type: 'success' },
};

export const RETURN_CATEGORIES: Record<ReturnCategory, string> = {
  UNCLEAR_REQUIREMENTS: '要求不明确',
  SUPPORT_UNCLEAR: '支持不明确',
  NOT_VILLAGE_DUTY: '不属于村(社区)职责',
  OTHER: '其他',
};

/** 12,000 元 → “12,000 元”; 0 → “无”. */
export const yuan = (value: number) => (value ? `${value.toLocaleString('zh-CN')} 元` : '无');
