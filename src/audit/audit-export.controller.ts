import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import { badField } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { AuditService, type AuditFilter } from './audit.service.js';

// A repeated parameter arrives as an array: only a single text counts.
const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);
const time = (name: string, value: unknown): Date | undefined => {
  if (typeof value !== 'string' || !value) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw badField(name, '时间格式应为 ISO 8601，如 2026-01-31T16:00:00Z');
  return at;
};

/**
 * `GET /api/audit/export.xlsx[?action=…&username=…&objectType=…&objectId=…&from=…&to=…]` — the audit log as the
 * audit page filters it, in Chinese (auditor only; the export is itself audited).
 */
@Controller('api')
export class AuditExportController {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.AUDITOR)
  @Get('audit/export.xlsx')
  async export(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const filter: AuditFilter = {
      action: text(query.action, 64),
      username: text(query.username, 64),
      objectType: text(query.objectType, 32),
      objectId: text(query.objectId, 64),
      from: time('from', query.from),
      to: time('to', query.to),
    };
    const file = await this.audit.exportXlsx(ctx, filter);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('cache-control', 'no-store');
    res.send(file.buffer);
  }
}
