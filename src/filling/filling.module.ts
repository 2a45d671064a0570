import { Module } from '@nestjs/common';
import { ExportController } from './export.controller.js';
import { ExportService } from './export.service.js';
import { AssignmentSubmissionResolver, FillingResolver, SubmissionFieldsResolver } from './filling.resolver.js';
import { FillingService } from './filling.service.js';

@Module({
  controllers: [ExportController],
  providers: [FillingService, ExportService, FillingResolver, SubmissionFieldsResolver, AssignmentSubmissionResolver],
  exports: [FillingService],
})
export class FillingModule {}
