import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Public } from './decorators.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: Response) {
    try {
      await this.dataSource.query('SELECT 1');
      res.status(200).json({ status: 'ok', database: this.config.db.kind });
    } catch {
      res.status(503).json({ status: 'error', database: this.config.db.kind, message: '数据库不可用' });
    }
  }
}
