import type { Enum } from '../graphql.js';
import type { TagType } from './labels.js';

export type FormStatus = Enum<'FormStatus'>;
export type Frequency = Enum<'Frequency'>;
export type TargetLevel = Enum<'TargetLevel'>;
export type DutyList = Enum<'DutyList'>;
export type FieldSection = Enum<'FieldSection'>;

export const FORM_STATUS: Record<FormStatus, { label: string; type: TagType }> = {
  DRAFT: { label: '草稿', type: 'info' },
  PENDING: { label: '待审核', type: 'warning' },
  RETURNED: { label: '已退回', type: 'danger' },
  REJECTED: { label: '不予准入', type: 'danger' },
  ACTIVE: { label: '已准入', type: 'success' },
  RETIRED: { label: '已退出', type: 'info' },
};
export const FREQUENCIES: Record<Frequency, string> = {
  ONCE: '一次性',
  MONTHLY: '每月',
  QUARTERLY: '每季度',
  HALF_YEARLY: '每半年',
  YEARLY: '每年',
};
export const TARGET_LEVELS: Record<TargetLevel, string> = { VILLAGE: '村(社区)', TOWN: '镇(街道)' };
/** In this order on the page: main duties, assisting duties, the negative list. */
export const DUTY_LISTS: Record<DutyList, string> = { MAIN: '主责', ASSIST: '协助', NEGATIVE: '负面' };
/** In this order in a form: the village header, then the resident rows. */
export const SECTIONS: Record<FieldSection, string> = { VILLAGE: '村(社区)基本信息', RESIDENT: '居民明细（每行一人，按身份证号）' };
