import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/** Codes filling and autofill refuse with. */
export enum FillingErrorCode {
  /** 按名称找村时有多个重名村，需选择所属镇（附 candidates）— a village name matches several villages; `candidates` lists them (autofill). */
  AMBIGUOUS_VILLAGE = 'AMBIGUOUS_VILLAGE',
}
registerErrorCodes('filling', FillingErrorCode);
registerEnumType(FillingErrorCode, { name: 'FillingErrorCode', description: '填报与自动填充的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    filling: FillingErrorCode;
  }
}
