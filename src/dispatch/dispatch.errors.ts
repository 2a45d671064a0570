import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/** Codes task dispatch (下发) refuses with. */
export enum DispatchErrorCode {
  /** 表单未经准入（非生效状态或无已准入版本），不能下发 — the form is not ACTIVE or has no approved version (dispatch). */
  FORM_NOT_ADMITTED = 'FORM_NOT_ADMITTED',
  /** 今天已催办过（每个单位每个任务每天一次） — the unit was already urged for this task today (催办). */
  URGED_TODAY = 'URGED_TODAY',
}
registerErrorCodes('dispatch', DispatchErrorCode);
registerEnumType(DispatchErrorCode, { name: 'DispatchErrorCode', description: '任务下发的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    dispatch: DispatchErrorCode;
  }
}
