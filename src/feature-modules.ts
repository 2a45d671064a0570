import { CatalogModule } from './catalog/catalog.module.js';
import { RecordsModule } from './records/records.module.js';

// Domain modules beyond the foundation; each issue adds its module here.
export const FEATURE_MODULES: any[] = [CatalogModule, RecordsModule];
