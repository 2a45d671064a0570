/** A client id for idempotent saves; works on plain-http intranet hosts (no crypto.randomUUID there). */
export function clientId(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** 18-digit resident ID: 17 digits and a digit or X. Complete-looking input triggers the look-up. */
export const looksLikeIdNumber = (s: string) => /^\d{17}[\dXx]$/.test(s.trim());
