import { Body, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import { badField } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ImportService, type ImportReport } from './import.service.js';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** `POST /api/imports` (multipart: file, dryRun?, asOf?) for ADMIN; answers the batch report. */
@Controller('api/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @Roles(Role.ADMIN)
  @UseInterceptors(FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  async upload(
    @Ctx() ctx: RequestContext,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
  ): Promise<ImportReport> {
    if (!file) throw badField('file', '请选择要导入的文件（字段名 file）');
    // multer decodes the name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.imports.importFile(ctx, file.buffer, {
      fileName,
      dryRun: body?.dryRun === 'true' || body?.dryRun === '1',
      asOf: body?.asOf || undefined,
    });
  }
}
