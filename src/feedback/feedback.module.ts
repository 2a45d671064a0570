import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module.js';
import { FeedbackFieldsResolver } from './feedback-fields.resolver.js';
import { FeedbackResolver } from './feedback.resolver.js';
import { FeedbackService } from './feedback.service.js';

@Module({ imports: [RegionsModule], providers: [FeedbackService, FeedbackResolver, FeedbackFieldsResolver], exports: [FeedbackService] })
export class FeedbackModule {}
