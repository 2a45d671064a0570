import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { DutiesService } from '../duties/duties.service.js';
import { FormsService } from './forms.service.js';

/** Deleting a duty item: only forms know whether one still names it, so the mutation lives here, above duties. */
@Resolver()
export class DutyItemsResolver {
  constructor(
    private readonly duties: DutiesService,
    private readonly forms: FormsService,
  ) {}

  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER)
  @Mutation(() => Boolean, { description: '删除职责清单事项（未被表单引用时）' })
  deleteDutyItem(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.duties.remove(ctx, id, async (em, dutyItemId) => (await this.forms.countByDutyItem(em, dutyItemId)) > 0);
  }
}
