import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { UsersService } from './users.service.js';

/** `GET /api/users/export.xlsx[?search=…&role=…]` — the user list as 用户管理 shows it (security administrator; audited). */
@Controller('api')
export class UsersExportController {
  constructor(private readonly users: UsersService) {}

  @Roles(Role.SECURITY_ADMIN)
  @Get('users/export.xlsx')
  async export(
    @Ctx() ctx: RequestContext,
    @Query('search') search: string | undefined,
    @Query('role') role: string | undefined,
    @Res() res: Response,
  ) {
    const filter = { search: search?.slice(0, 64), role: Object.values(Role).includes(role as Role) ? (role as Role) : undefined };
    const file = await this.users.exportXlsx(ctx, filter);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="users.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('cache-control', 'no-store');
    res.send(file.buffer);
  }
}
