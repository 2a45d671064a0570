import { CatalogModule } from './catalog/catalog.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';

// Domain modules beyond the foundation; each issue adds its module here.
export const FEATURE_MODULES: any[] = [CatalogModule, FeedbackModule];
