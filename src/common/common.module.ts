import { Module } from '@nestjs/common';
import { DatabaseLifecycle } from '../database/lifecycle.js';
import { TransactionService } from './transaction.service.js';

/** Transactions (one writer at a time on SQLite, deadlock retries on MySQL) and the database's graceful close. */
@Module({ providers: [TransactionService, DatabaseLifecycle], exports: [TransactionService] })
export class CommonModule {}
