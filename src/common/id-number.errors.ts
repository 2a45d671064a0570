import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from './error-codes.js';

/** Codes for 身份证号 (the rules are id-number.ts; any module checking a number refuses with these). */
export enum IdNumberErrorCode {
  /** 身份证号不合法（长度、地区码、出生日期或校验位不对；details 指向字段）— the ID number fails id-number.ts's checks (autofill lookup). */
  INVALID_ID_NUMBER = 'INVALID_ID_NUMBER',
}
registerErrorCodes('common/id-number', IdNumberErrorCode);
registerEnumType(IdNumberErrorCode, { name: 'IdNumberErrorCode', description: '身份证号校验的错误码（extensions.code）' });

declare module './error-codes.js' {
  interface ErrorCodes {
    idNumber: IdNumberErrorCode;
  }
}
