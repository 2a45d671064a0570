import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import { PageArgs, Paginated } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { ImportAttempt } from './import-attempt.entity.js';
import { ImportAttemptsService } from './import-attempts.service.js';
import { ImportBatch, ImportRowError } from './import-batch.entity.js';
import { ImportProgress, ImportProgressService } from './import-progress.js';
import { ImportService } from './import.service.js';

const ImportBatchPage = Paginated(ImportBatch, 'ImportBatchPage');
const ImportRowErrorPage = Paginated(ImportRowError, 'ImportRowErrorPage');

@Resolver(() => ImportBatch)
export class ImportResolver {
  constructor(
    private readonly imports: ImportService,
    private readonly progress: ImportProgressService,
    private readonly attempts: ImportAttemptsService,
  ) {}

  @Query(() => [ImportAttempt], {
    description: '近 30 天内服务器中途停止（进程被杀、断电）而中断的导入：未写入任何数据，文件可重新导入；重新导入成功后不再列出',
  })
  @Roles(Role.ADMIN)
  interruptedImports() {
    return this.attempts.interrupted();
  }

  @Query(() => ImportBatch, { description: '一个导入批次及其逐行错误报告' })
  @Roles(Role.ADMIN)
  importBatch(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.imports.batch(ctx, id);
  }

  @Query(() => ImportBatchPage, { description: '导入批次，最近的在前' })
  @Roles(Role.ADMIN)
  importBatches(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.imports.batches(ctx, page);
  }

  @Query(() => ImportProgress, {
    nullable: true,
    description: '本人正在进行（或 10 分钟内结束）的导入的进度：key 为上传时附带的 progressKey；未知的编号答 null',
  })
  @Roles(Role.ADMIN)
  importProgress(@Ctx() ctx: RequestContext, @Args('key', { description: '上传时附带的 progressKey' }) key: string) {
    return this.progress.get(ctx.me.id, key);
  }

  @ResolveField(() => ImportRowErrorPage, { description: `逐行错误（全部保存），按行号排序，分页（每页最多 200 条）` })
  errors(@Parent() importBatch: ImportBatch, @Args() page: PageArgs) {
    return this.imports.errors(importBatch, page);
  }
}
