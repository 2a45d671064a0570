import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/** Codes the admission review (减负办准入) refuses with. */
export enum AdmissionErrorCode {
  /** 表单涉及负面清单事项，提交即被系统拒绝 — submitted form touches a NEGATIVE duty-list item: refused at once (submit). */
  NEGATIVE_LIST = 'NEGATIVE_LIST',
  /** 村级生效表单已达上限且未勾选“突破上限” — approving would pass the village-form cap without overrideCap (review). */
  CAP_EXCEEDED = 'CAP_EXCEEDED',
}
registerErrorCodes('admission', AdmissionErrorCode);
registerEnumType(AdmissionErrorCode, { name: 'AdmissionErrorCode', description: '准入审核的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    admission: AdmissionErrorCode;
  }
}
