import { registerEnumType } from '@nestjs/graphql';
import { registerErrorCodes } from '../common/error-codes.js';

/** Codes the work-order chain (派单：派发、接收、办结) refuses with. */
export enum OrdersErrorCode {
  /** 该村(社区)已派发过此派单 — a village the town picked already has the order (dispatch). */
  ORDER_ALREADY_SENT = 'ORDER_ALREADY_SENT',
  /** 本村已接收过此派单 — the village received the order before (receive). */
  ORDER_ALREADY_RECEIVED = 'ORDER_ALREADY_RECEIVED',
  /** 尚未接收，不能报告办结 — done reported before the village received the order (complete). */
  ORDER_NOT_RECEIVED = 'ORDER_NOT_RECEIVED',
  /** 本村已报告办结 — the village reported the order done before (complete). */
  ORDER_ALREADY_DONE = 'ORDER_ALREADY_DONE',
}
registerErrorCodes('orders', OrdersErrorCode);
registerEnumType(OrdersErrorCode, { name: 'OrdersErrorCode', description: '派单派发、接收、办结的错误码（extensions.code）' });

declare module '../common/error-codes.js' {
  interface ErrorCodes {
    orders: OrdersErrorCode;
  }
}
