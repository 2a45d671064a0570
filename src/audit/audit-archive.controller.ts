import { Controller, Get, Param, ParseIntPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import { badInput, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { AuditArchiveService, type ArchivePart } from './audit-archive.service.js';
import { AuditSigner } from './audit-signing.js';
import { AuditService } from './audit.service.js';

const PARTS: Record<string, { part: ArchivePart; type: string }> = {
  jsonl: { part: 'jsonl', type: 'application/x-ndjson; charset=utf-8' },
  sig: { part: 'sig', type: 'application/octet-stream' },
  manifest: { part: 'manifest', type: 'application/json; charset=utf-8' },
};

/**
 * The auditor's downloads (bearer token, AUDITOR only): `GET /api/audit-archives/:id/{jsonl|sig|manifest}` —
 * an archive, its signature, its manifest (each download audited) — and `GET /api/audit-archives/public-key.pem`,
 * the key that verifies them offline (`npm run audit:verify-archive -- FILE`, README).
 */
@Controller('api/audit-archives')
export class AuditArchiveController {
  constructor(
    private readonly archives: AuditArchiveService,
    private readonly audit: AuditService,
    private readonly signer: AuditSigner,
  ) {}

  @Roles(Role.AUDITOR)
  @Get('public-key.pem')
  publicKey(@Res() res: Response) {
    res.setHeader('content-type', 'application/x-pem-file');
    res.setHeader('content-disposition', 'attachment; filename="audit-signing.pub.pem"');
    res.send(this.signer.publicKeyPem);
  }

  @Roles(Role.AUDITOR)
  @Get(':id/:part')
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('审计归档') })) id: number,
    @Param('part') part: string,
    @Res() res: Response,
  ) {
    const kind = Object.hasOwn(PARTS, part) ? PARTS[part] : null;
    if (!kind) throw badInput('下载内容只能是 jsonl（事件）、sig（签名）或 manifest（清单）');
    const file = await this.archives.file(id, kind.part);
    if (!file) throw notFound('审计归档');
    await this.audit.recordAlone(ctx, {
      action: 'audit.archive_download',
      objectType: 'audit_archive',
      objectId: id,
      detail: { month: file.archive.month, part: kind.part },
    });
    res.setHeader('content-type', kind.type);
    res.setHeader('content-disposition', `attachment; filename="${file.name}"`);
    res.setHeader('cache-control', 'no-store');
    res.send(file.content);
  }
}
