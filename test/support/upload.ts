import type { ImportReport } from '../../src/records/import.service.js';

/** What POST /api/imports answers: the report, or an error with its code (the same JSON either way). */
/** The report on success, the error otherwise: a test reads the one it expects. */
export type UploadAnswer = ImportReport & {
  error: { code: string; message: string; details?: { field: string; message: string; row?: number }[] };
};

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const fixture = (name: string) => readFileSync(resolve(process.cwd(), 'test/fixtures', name));

/** POST /api/imports as multipart, like the browser's upload form. */
export async function upload(url: string, token: string | null, file: Buffer, fileName: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  for (const [k, value] of Object.entries(fields)) form.append(k, value);
  const res = await fetch(`${url}/api/imports`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as UploadAnswer };
}
