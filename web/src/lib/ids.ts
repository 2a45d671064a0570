/** A client id for idempotent saves; works on plain-http intranet hosts (no crypto.randomUUID there). */
export function clientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** 18-digit resident ID: 17 digits and a digit or X. Complete-looking input triggers the look-up. */
export const looksLikeIdNumber = (text: string) => /^\d{17}[\dXx]$/.test(text.trim());
