import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { CryptoModule } from '../crypto/crypto.module.js';
import { AuditExportController } from './audit-export.controller.js';
import { AuditEventFieldsResolver, AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Module({
  imports: [CommonModule, CryptoModule],
  controllers: [AuditExportController],
  providers: [AuditService, AuditResolver, AuditEventFieldsResolver],
  exports: [AuditService],
})
export class AuditModule {}
