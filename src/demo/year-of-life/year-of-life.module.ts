import { Module } from '@nestjs/common';
import { AdmissionModule } from '../../admission/admission.module.js';
import { CommonModule } from '../../common/common.module.js';
import { DispatchModule } from '../../dispatch/dispatch.module.js';
import { FeedbackModule } from '../../feedback/feedback.module.js';
import { FillingModule } from '../../filling/filling.module.js';
import { FormsModule } from '../../forms/forms.module.js';
import { OrdersModule } from '../../orders/orders.module.js';
import { RecordsModule } from '../../records/records.module.js';
import { RollupsModule } from '../../rollups/rollups.module.js';
import { YearOfLifeDemoStep } from './year-of-life.demo-step.js';

/**
 * A year of platform life, driven through the services like its users would. It sits at the top of the
 * house beside cli/ and the app module (it uses every stage of the flow); the demo runner (demo/) finds
 * its step like any other, through `@RegisterDemoStep`.
 */
@Module({
  imports: [
    CommonModule,
    FormsModule,
    AdmissionModule,
    DispatchModule,
    FillingModule,
    FeedbackModule,
    RecordsModule,
    RollupsModule,
    OrdersModule,
  ],
  providers: [YearOfLifeDemoStep],
})
export class YearOfLifeModule {}
