import { Module } from '@nestjs/common';
import { DatabaseLifecycle } from '../database/lifecycle.js';
import { CacheStamps } from './cache-stamps.js';
import { TransactionService } from './transaction.service.js';

/** Transactions (one writer at a time on SQLite, deadlock retries on MySQL), cache version stamps and the database's graceful close. */
@Module({ providers: [TransactionService, DatabaseLifecycle, CacheStamps], exports: [TransactionService, CacheStamps] })
export class CommonModule {}
