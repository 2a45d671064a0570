import { Raw, type FindOperator } from 'typeorm';

/**
 * LIKE with the searched text taken literally: `_` (in usernames) and `%` match only themselves.
 * The escape character is `!`, not a backslash, whose meaning in a string literal differs between
 * SQLite and MySQL.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

/** The pattern for "holds `text` anywhere", to use with LIKE_ESCAPE. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (char) => `!${char}`)}%`;
}

/** A find-options condition: the column holds `text` anywhere, taken literally. */
export function Contains(text: string): FindOperator<string> {
  return Raw((column) => `${column} LIKE :contains ${LIKE_ESCAPE}`, { contains: containsPattern(text) });
}
