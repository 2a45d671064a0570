import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from './errors.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Whether year-month-day (and the time, when given) name a moment that exists: no 2031-02-30, no 2025-13-45, no 24:00. */
function realParts(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  const offset = match[7];
  return !offset || offset === 'Z' || (Number(offset.slice(1, 3)) <= 14 && Number(offset.slice(-2)) <= 59);
}

/** `refusal` carries the code through graphql-js's validation (a literal) and coercion (a variable) to formatError. */
const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, refusal: ErrorCode.BAD_USER_INPUT } });

function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
  if (!match || !realParts(match)) throw refuse('不是有效的日期时间：应为真实存在的日期，如 2025-03-31 或 2025-03-31T16:00:00Z');
  const date = new Date(value as string);
  if (Number.isNaN(date.getTime())) throw refuse('不是有效的日期时间：应为真实存在的日期，如 2025-03-31 或 2025-03-31T16:00:00Z');
  return date;
}

function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
  if (!match || match[4] !== undefined || !realParts(match)) throw refuse('不是有效的日期：应为真实存在的日期 YYYY-MM-DD，如 2025-03-01');
  return value as string;
}

const literal = (ast: ValueNode): unknown => (ast.kind === Kind.STRING ? ast.value : null);

/**
 * The one date-time scalar of the schema (every `Date` field and argument, via scalarsMap): ISO
 * 8601 dates or date-times that exist. JavaScript's Date would take 2031-02-30 as 2031-03-02, and
 * "not a date" as an Invalid Date a filter then ignores; both are BAD_USER_INPUT here.
 */
export const StrictDateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    '日期时间（ISO 8601，UTC），如 2025-03-31T16:00:00Z；只写日期（2025-03-31）即当日 0 时（UTC）；不存在的日期（2月30日、13月）被拒绝',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseDateTime(value).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literal(ast)),
});

/** A calendar date, YYYY-MM-DD, that exists (periodStart and other day-level arguments); resolvers get the string. */
export const StrictDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '日期 YYYY-MM-DD（须真实存在，如 2025-02-28；2025-02-30、2025-13-45 被拒绝）',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literal(ast)),
});
