import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CryptoModule } from '../crypto/crypto.module.js';
import { AuditArchiveController } from './audit-archive.controller.js';
import { AuditArchiveResolver } from './audit-archive.resolver.js';
import { AuditArchiveService } from './audit-archive.service.js';
import { AuditCheckpoints } from './audit-checkpoints.js';
import { AuditSigner } from './audit-signing.js';
import { AuditExportController } from './audit-export.controller.js';
import { AuditEventFieldsResolver, AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/** The audit log's signing key and checkpoints: what AuditService needs beside the database (CLIs wire these too). */
export const AUDIT_WRITER_PROVIDERS = [
  { provide: AuditSigner, useFactory: (config: AppConfig) => new AuditSigner(config.audit.signingKeyFile), inject: [APP_CONFIG] },
  AuditCheckpoints,
];

@Module({
  imports: [CommonModule, CryptoModule],
  controllers: [AuditArchiveController, AuditExportController],
  providers: [...AUDIT_WRITER_PROVIDERS, AuditService, AuditArchiveService, AuditResolver, AuditEventFieldsResolver, AuditArchiveResolver],
  exports: [AuditService, AuditArchiveService],
})
export class AuditModule {}
