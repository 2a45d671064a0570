/**
 * ID-number-like runs in free text: a whole resident ID (15 or 18 characters, 17 digits + check
 * character), any longer digit run that may hide one, and a standalone eight-digit birth date
 * (18xx–20xx, month 0–1x, day 0–3x: also impossible ones like 19410230, which is what a typo looks like).
 * Full-width digits count as digits: they normalise to an ID number too.
 */
const DIGIT = '[0-9０-９]';
/** Not next to a letter or digit: an ID-like run stands alone (hex hashes and ids do not match). */
const ALONE_BEFORE = '(?<![0-9A-Za-z０-９])';
const ALONE_AFTER = '(?![0-9A-Za-z０-９])';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ID_LIKE_SOURCE =
  `(${UUID})|${ALONE_BEFORE}(?:${DIGIT}{6}[ -]?${DIGIT}{8}[ -]?${DIGIT}{3}[0-9０-９Xx]|${DIGIT}[0-9０-９Xx]{14,})${ALONE_AFTER}` +
  `|${ALONE_BEFORE}(?:18|19|20)\\d{2}[01]\\d[0-3]\\d${ALONE_AFTER}`;
const ID_LIKE = new RegExp(ID_LIKE_SOURCE, 'gu');
/** Quick pre-check: most text has no eight digits in a row. */
const DIGIT_RUN = /[0-9０-９]{8}/u;

function masked(run: string, uuid: string | undefined): string {
  if (uuid) return run; // request ids stay readable
  const digits = run.replace(/[ -]/g, '');
  if (digits.length === 8) return '********';
  if (digits.length <= 18) return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Masks every ID-like run in a text: `420683********0001` for an ID, `********` for a birth date. */
export function maskIdLike(text: string): string {
  if (!DIGIT_RUN.test(text)) return text;
  return text.replace(ID_LIKE, masked);
}

/** The ID-like runs a text still carries (the test suite's leak check); request ids are not. */
export function idLikeRuns(text: string): string[] {
  if (!DIGIT_RUN.test(text)) return [];
  return [...text.matchAll(ID_LIKE)].filter((match) => !match[1]).map((match) => match[0]);
}

/** maskIdLike over every string of a plain value (log objects): arrays and objects copied, depth-limited. */
export function maskIdLikeDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskIdLike(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) {
    const masked: Record<string, unknown> = {
      type: value.name,
      message: maskIdLike(value.message),
      stack: value.stack && maskIdLike(value.stack),
    };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) masked.code = code;
    return masked;
  }
  if (Array.isArray(value)) return value.map((item) => maskIdLikeDeep(item, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskIdLikeDeep(item, depth + 1);
  return out;
}
