import { CatalogModule } from './catalog/catalog.module.js';
import { DutiesModule } from './duties/duties.module.js';
import { FormsModule } from './forms/forms.module.js';
import { RecordsModule } from './records/records.module.js';
import { DisclosureModule } from './disclosure/disclosure.module.js';
import { AdmissionModule } from './admission/admission.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { FillingModule } from './filling/filling.module.js';
import { InsightsModule } from './insights/insights.module.js';

// Domain modules beyond the foundation; each issue adds its module here.
export const FEATURE_MODULES: any[] = [
  CatalogModule,
  DutiesModule,
  FormsModule,
  RecordsModule,
  DisclosureModule,
  AdmissionModule,
  FeedbackModule,
  DispatchModule,
  FillingModule,
  InsightsModule,
];
