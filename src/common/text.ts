/** Full-width ASCII (Ｆ１２，) to half-width, and the ideographic space to a plain one. */
export function toHalfWidth(text: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(text)) return text; // the common case, without allocating
  return text.replace(/[\uff01-\uff5e]/g, (str) => String.fromCharCode(str.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** For comparing labels: half-width, lower case, no white space or punctuation (Chinese or ASCII). */
export function normaliseLabel(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}
