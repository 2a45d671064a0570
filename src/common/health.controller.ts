import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ReplicaReads } from '../database/replica-reads.js';
import { Public } from './decorators.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReplicaReads,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: Response) {
    try {
      await this.dataSource.query('SELECT 1');
      // replicas (DATABASE_REPLICA_URLS): as the last check found them; an unfit one is skipped, so the server is still ok.
      const replicas = this.replica.enabled ? { replicas: this.replica.replicas() } : {};
      res.status(200).json({ status: 'ok', database: this.config.db.kind, ...replicas });
    } catch {
      res.status(503).json({ status: 'error', database: this.config.db.kind, message: '数据库不可用' });
    }
  }
}
