export { Resident } from './resident.entity.js';
export { Fact, CurrentFact } from './fact.entity.js';
export { ImportBatch } from './import-batch.entity.js';
