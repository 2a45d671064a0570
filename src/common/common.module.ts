import { Global, Module } from '@nestjs/common';
import { TransactionService } from './transaction.service.js';
import { DatabaseLifecycle } from '../database/lifecycle.js';

@Global()
@Module({ providers: [TransactionService, DatabaseLifecycle], exports: [TransactionService] })
export class CommonModule {}
