// The newest modification time (ms) of a file or, recursively, of everything in a folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}
