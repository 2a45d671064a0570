import type { Enum } from '../graphql.js';
import type { TagType } from './labels.js';

export type ComplaintKind = Enum<'ComplaintKind'>;
export type FeedbackStatus = Enum<'FeedbackStatus'>;
export type FeedbackType = Enum<'FeedbackType'>;

export const COMPLAINT_KINDS: Record<ComplaintKind, string> = {
  FORM_OUTSIDE_PLATFORM: '部门在平台外要求填表（表外有表）',
  ORDER_OUTSIDE_PLATFORM: '部门在平台外派单（单外有单）',
  DUPLICATE_FORM: '重复填报：与已有表格内容重复',
  UNREASONABLE_DEADLINE: '填报时限不合理',
  OTHER: '其他',
};
export const FEEDBACK_STATUS: Record<FeedbackStatus, { label: string; type: TagType }> = {
  OPEN: { label: '待受理', type: 'danger' },
  ACKNOWLEDGED: { label: '已受理', type: 'warning' },
  RESPONDED: { label: '已答复', type: 'primary' },
  RESOLVED: { label: '已办结', type: 'success' },
};
export const FEEDBACK_TYPES: Record<FeedbackType, string> = { COMPLAINT: '投诉', SUGGESTION: '建议' };
