import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput, type FieldProblem } from './errors.js';
import { MAX_PAGE } from './paging.js';

/** The maxima every argument and input field gets unless it declares its own (`@Extensions({ maxLength })`). */
export const INPUT_BOUNDS = { maxString: 2000, maxList: 5000, maxPage: MAX_PAGE } as const;

/**
 * Arguments that declare another string maximum (Nest puts `@Extensions` on input fields, not on
 * plain `@Args`), by schema coordinate. suggestDataElements scores every catalogue element against
 * the label: a label is a few words, and bounding it keeps the scoring short.
 */
const ARGUMENT_MAX_LENGTH: Record<string, number> = {
  'Query.suggestDataElements(label:)': 200,
  'Query.searchVillages(query:)': 100,
};

/** Page arguments: a count of rows (1…MAX_PAGE) and an offset (≥ 0). */
const PAGE_COUNT = new Set(['take', 'limit']);
const PAGE_OFFSET = new Set(['skip']);

/**
 * Names, titles and keys: trimmed, no control or format characters (NUL, RTL override, zero-width
 * space…), and at least one visible character. Every input field or mutation argument with one of
 * these names gets the rule; `@Extensions({ visibleText: false })` opts a field out.
 */
const VISIBLE_TEXT_NAMES = new Set(['name', 'title', 'key', 'label', 'displayName', 'username', 'contactName', 'groupName', 'category']);

/** C0/C1 controls except tab and line breaks, and the bidirectional overrides/isolates: refused in any string. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_ANYWHERE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** Every control (Cc) and format (Cf: zero-width space/joiners, BOM, soft hyphen, bidi marks) character. */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\u200b]/u;
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;

interface Rules {
  maxLength: number;
  visibleText: boolean;
}

class Checker {
  readonly problems: FieldProblem[] = [];
  /** Names are held to visible text where they are written (mutations), not in search filters. */
  constructor(private readonly writing: boolean) {}

  /** Checks one value against its input type; returns it, with names trimmed (a new object only when something changed). */
  check(value: unknown, type: GraphQLInputType, path: string, rules: Rules): unknown {
    if (value == null) return value;
    if (isNonNullType(type)) return this.check(value, type.ofType, path, rules);
    if (isListType(type)) {
      if (!Array.isArray(value)) return this.check(value, type.ofType as GraphQLInputType, path, rules);
      if (value.length > INPUT_BOUNDS.maxList) {
        this.problems.push({ field: path, message: `${path} 最多 ${INPUT_BOUNDS.maxList} 项（当前 ${value.length} 项），请分批提交` });
        return value;
      }
      let out: unknown[] | null = null;
      value.forEach((item, i) => {
        const checked = this.check(item, type.ofType as GraphQLInputType, `${path}[${i}]`, rules);
        if (checked !== item) (out ??= [...value])[i] = checked;
      });
      return out ?? value;
    }
    if (isInputObjectType(type)) {
      const record = value as Record<string, unknown>;
      let out: Record<string, unknown> | null = null;
      for (const field of Object.values(type.getFields())) {
        if (record[field.name] == null) continue;
        const at = path ? `${path}.${field.name}` : field.name;
        const checked = this.check(record[field.name], field.type, at, rulesOf(field, field.name, this.writing));
        if (checked !== record[field.name]) (out ??= { ...record })[field.name] = checked;
      }
      return out ?? value;
    }
    return typeof value === 'string' ? this.text(value, path, rules) : value;
  }

  private text(value: string, path: string, rules: Rules): string {
    if (value.length > rules.maxLength) {
      this.problems.push({ field: path, message: `${path} 过长：最多 ${rules.maxLength} 个字符（当前 ${value.length} 个）` });
      return value;
    }
    if (rules.visibleText) {
      const trimmed = value.trim();
      // Nothing left: the module's own validator says the name is required, in its words.
      if (!trimmed) return trimmed;
      if (CONTROL_OR_FORMAT.test(trimmed))
        this.problems.push({ field: path, message: `${path} 含有不可见的控制或格式字符（如零宽空格、方向控制符），请删除后重新输入` });
      else if (!VISIBLE.test(trimmed)) this.problems.push({ field: path, message: `${path} 不能为空白，请填写可见的文字` });
      return trimmed;
    }
    if (UNSAFE_ANYWHERE.test(value))
      this.problems.push({ field: path, message: `${path} 含有不允许的控制字符（如 NUL、方向控制符），请删除后重新输入` });
    return value;
  }

  /** take/limit 1…MAX_PAGE, skip ≥ 0 — wherever they are declared, so a new list cannot forget the cap. */
  page(name: string, value: unknown) {
    if (typeof value !== 'number') return;
    if (PAGE_COUNT.has(name) && (value < 1 || value > INPUT_BOUNDS.maxPage))
      this.problems.push({ field: name, message: `${name} 应在 1 到 ${INPUT_BOUNDS.maxPage} 之间（每页最多 ${INPUT_BOUNDS.maxPage} 条）` });
    if (PAGE_OFFSET.has(name) && value < 0) this.problems.push({ field: name, message: `${name} 不能为负数` });
  }
}

function rulesOf(field: GraphQLInputField | GraphQLArgument, name: string, visibleByName: boolean, coordinate?: string): Rules {
  const ext = (field.extensions ?? {}) as { maxLength?: number; visibleText?: boolean };
  return {
    maxLength: ext.maxLength ?? (coordinate ? ARGUMENT_MAX_LENGTH[coordinate] : undefined) ?? INPUT_BOUNDS.maxString,
    visibleText: ext.visibleText ?? (visibleByName && VISIBLE_TEXT_NAMES.has(name)),
  };
}

/** The checks of one field's arguments, prepared once when the schema is built. */
function argumentChecks(typeName: string, field: GraphQLField<unknown, unknown>, mutation: boolean) {
  const plans = field.args.map((arg) => ({
    arg,
    rules: rulesOf(arg, arg.name, mutation, `${typeName}.${field.name}(${arg.name}:)`),
    page: (PAGE_COUNT.has(arg.name) || PAGE_OFFSET.has(arg.name)) && getNamedType(arg.type).name === 'Int',
  }));
  return (args: Record<string, unknown>): Record<string, unknown> => {
    const checker = new Checker(mutation);
    let out: Record<string, unknown> | null = null;
    for (const { arg, rules, page } of plans) {
      const value = args[arg.name];
      if (value == null) continue;
      if (page) checker.page(arg.name, value);
      // Paths inside an input object start at its fields (`name`, `fields[2].label`), as class-validator reports them.
      const path = isInputObjectType(getNamedType(arg.type)) ? '' : arg.name;
      const checked = checker.check(value, arg.type, path, rules);
      if (checked !== value) (out ??= { ...args })[arg.name] = checked;
    }
    if (checker.problems.length)
      throw badInput(`输入有误：${checker.problems.map((problem) => problem.message).join('；')}`, checker.problems);
    return out ?? args;
  };
}

/**
 * One bound for every argument of the schema (strings 2000 characters, lists 5000 items, pages
 * 1–200 rows from offset ≥ 0, names visible and trimmed), checked before any resolver runs — so a
 * new query or input field is bounded without anyone remembering to. Refusals are BAD_USER_INPUT
 * with the field paths in `details`; a value is never echoed back.
 */
export function boundInputs(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const check = argumentChecks(type.name, field, type === mutationType);
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => resolve(source, check(args), context, info);
    }
  }
  return schema;
}
