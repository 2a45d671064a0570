import { Body, Controller, Get, Param, ParseIntPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import { badField, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ImportProgressService } from './import-progress.js';
import { ImportService, type ImportReport } from './import.service.js';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * `POST /api/imports` (multipart: file, dryRun?, asOf?, progressKey?) for ADMIN; answers the batch report.
 * With a progressKey the uploader can follow the import with the `importProgress` query meanwhile.
 */
@Controller('api/imports')
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    private readonly progress: ImportProgressService,
  ) {}

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
    const dryRun = body?.dryRun === 'true' || body?.dryRun === '1';
    const tracker = body?.progressKey ? await this.progress.start(ctx.me.id, body.progressKey, fileName, dryRun) : null;
    try {
      return await this.imports.importFile(ctx, file.buffer, {
        fileName,
        dryRun,
        asOf: body?.asOf || undefined,
        onProgress: tracker ? ({ rowsRead, rowsWritten, rowsRefused }) => tracker.step(rowsRead, rowsWritten, rowsRefused) : undefined,
      });
    } finally {
      await tracker?.finish();
    }
  }

  /** `GET /api/imports/:id/errors.xlsx`: the refused rows as they were, with 错误原因, to fix and import again (audited). */
  @Get(':id/errors.xlsx')
  @Roles(Role.ADMIN)
  async errorWorkbook(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('导入批次') })) id: number,
    @Res() res: Response,
  ) {
    const xlsxFile = await this.imports.errorWorkbook(ctx, id);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="errors.xlsx"; filename*=UTF-8''${encodeURIComponent(xlsxFile.fileName)}`);
    res.setHeader('cache-control', 'no-store');
    res.send(xlsxFile.buffer);
  }
}
