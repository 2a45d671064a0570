// Writes the sample import files under test/fixtures (npm run fixtures).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { residentsCsvGbk, residentsCsvUtf8Bom, residentsXlsx, villagesXlsx } from './fixtures.js';

const dir = resolve(process.cwd(), 'test/fixtures');
mkdirSync(dir, { recursive: true });
writeFileSync(resolve(dir, 'villages.xlsx'), await villagesXlsx());
writeFileSync(resolve(dir, 'residents.csv'), residentsCsvUtf8Bom());
writeFileSync(resolve(dir, 'residents-newer-gbk.csv'), residentsCsvGbk());
writeFileSync(resolve(dir, 'residents-messy.xlsx'), await residentsXlsx());
process.stdout.write(`fixtures written to ${dir}\n`);
