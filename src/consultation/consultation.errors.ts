import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/** Codes the consultation (征求意见) refuses with. */
export enum ConsultationErrorCode {
  /** 征求意见已结束或已过反馈截止时间 — an answer after the department closed it or after its deadline (answer). */
  CONSULTATION_CLOSED = 'CONSULTATION_CLOSED',
}
registerErrorCodes('consultation', ConsultationErrorCode);
registerEnumType(ConsultationErrorCode, { name: 'ConsultationErrorCode', description: '征求意见的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    consultation: ConsultationErrorCode;
  }
}
