import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx } from '../common/decorators.js';
import { notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ExportService, type XlsxFile } from './export.service.js';

/** An id in the path that is not a number names nothing: NOT_FOUND, as an unknown number does. */
const idOf = (what: string) => new ParseIntPipe({ exceptionFactory: () => notFound(what) });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function send(res: Response, xlsxFile: XlsxFile) {
  res.setHeader('content-type', XLSX);
  res.setHeader('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(xlsxFile.fileName)}`);
  res.setHeader('cache-control', 'no-store');
  res.send(xlsxFile.buffer);
}

/** Excel downloads with the bearer token: a task's collected data, and a blank template of a form version. */
@Controller('api')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  /** `GET /api/tasks/:id/export.xlsx[?full=1]` — full ID numbers only for the owning department (audited). */
  @Get('tasks/:id/export.xlsx')
  async taskData(
    @Ctx() ctx: RequestContext,
    @Param('id', idOf('任务')) id: number,
    @Query('full') full: string | undefined,
    @Res() res: Response,
  ) {
    send(res, await this.exports.taskData(ctx, id, full === '1' || full === 'true'));
  }

  /** `GET /api/form-versions/:id/template.xlsx` */
  @Get('form-versions/:id/template.xlsx')
  async template(@Ctx() ctx: RequestContext, @Param('id', idOf('表单版本')) id: number, @Res() res: Response) {
    send(res, await this.exports.template(ctx, id));
  }
}
