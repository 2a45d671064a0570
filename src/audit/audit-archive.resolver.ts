import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Role } from '../common/auth-user.js';
import { Roles } from '../common/decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuditArchive } from './audit-archive.entity.js';
import { AuditArchiveService } from './audit-archive.service.js';
import { AuditCheckpoints } from './audit-checkpoints.js';
import { AuditSigner } from './audit-signing.js';

@ObjectType({ description: '审计日志的保全：签名公钥、最近检查点、留存期' })
class AuditKeeping {
  @Field({ description: '签名公钥（PEM，Ed25519）' }) publicKeyPem: string;
  @Field({ description: '签名公钥指纹（SPKI 的 SHA-256，十六进制）' }) publicKeyFingerprint: string;
  @Field(() => Date, { nullable: true, description: '最近一次检查点的时间' }) lastCheckpointAt: Date | null;
  @Field(() => Int, { nullable: true, description: '最近一次检查点记录到的事件序号' }) lastCheckpointSeq: number | null;
  @Field(() => Int, { description: '库内留存天数（AUDIT_RETENTION_DAYS）' }) retentionDays: number;
}

@Resolver()
export class AuditArchiveResolver {
  constructor(
    private readonly archives: AuditArchiveService,
    private readonly checkpoints: AuditCheckpoints,
    private readonly signer: AuditSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles(Role.AUDITOR)
  @Query(() => [AuditArchive], { description: '审计归档（按月，新的在前；下载：GET /api/audit-archives/{id}/jsonl|sig|manifest）' })
  auditArchives(): Promise<AuditArchive[]> {
    return this.archives.list();
  }

  @Roles(Role.AUDITOR)
  @Query(() => AuditKeeping, { description: '审计日志保全情况：签名公钥指纹、最近检查点、留存期' })
  auditKeeping(): AuditKeeping {
    const { newest } = this.checkpoints.read();
    return {
      publicKeyPem: this.signer.publicKeyPem,
      publicKeyFingerprint: this.signer.fingerprint,
      lastCheckpointAt: newest ? new Date(newest.at) : null,
      lastCheckpointSeq: newest?.seq ?? null,
      retentionDays: this.config.audit.retentionDays,
    };
  }
}
