/** Full-width ASCII (Ｆ１２，) to half-width, and the ideographic space to a plain one. */
export function toHalfWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(s)) return s; // the common case, without allocating
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** For comparing labels: half-width, lower case, no white space or punctuation (Chinese or ASCII). */
export function normaliseLabel(s: string): string {
  return toHalfWidth(s)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}
