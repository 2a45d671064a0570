import { registerEnumType } from '@nestjs/graphql';

/**
 * What a department sends down (派单): a form (报表, the forms module's) or one of the other kinds of
 * work order the orders module keeps. Every kind goes through the same admission.
 */
export enum WorkOrderKind {
  REPORT = 'REPORT',
  TASK = 'TASK',
  INSPECTION = 'INSPECTION',
  MEETING = 'MEETING',
  CERTIFICATE = 'CERTIFICATE',
}
registerEnumType(WorkOrderKind, { name: 'WorkOrderKind', description: '派单类型：报表、工作任务、督查考核、会议活动、开具证明' });

export const WORK_ORDER_KIND_NAMES: Record<WorkOrderKind, string> = {
  REPORT: '报表',
  TASK: '工作任务',
  INSPECTION: '督查考核',
  MEETING: '会议活动',
  CERTIFICATE: '开具证明',
};

/** Why the office returned a request: the dashboards count returns "for unclear requirements" by it. */
export enum ReturnCategory {
  UNCLEAR_REQUIREMENTS = 'UNCLEAR_REQUIREMENTS',
  SUPPORT_UNCLEAR = 'SUPPORT_UNCLEAR',
  NOT_VILLAGE_DUTY = 'NOT_VILLAGE_DUTY',
  OTHER = 'OTHER',
}
registerEnumType(ReturnCategory, {
  name: 'ReturnCategory',
  description: '退回原因类别：要求不明确、支持不明确、不属于村(社区)职责、其他',
});

export const RETURN_CATEGORY_NAMES: Record<ReturnCategory, string> = {
  UNCLEAR_REQUIREMENTS: '要求不明确',
  SUPPORT_UNCLEAR: '支持不明确',
  NOT_VILLAGE_DUTY: '不属于村(社区)职责',
  OTHER: '其他',
};
