import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { FeedbackListArgs, FeedbackPage, FileFeedbackInput } from './feedback.dto.js';
import { Feedback } from './feedback.entity.js';
import { FeedbackService } from './feedback.service.js';

/** Who reads feedback: the filers' own scope, the office, leaders and admins. Departments and auditors do not. */
const READERS = [Role.VILLAGE_CADRE, Role.TOWN_STAFF, Role.OFFICE_REVIEWER, Role.VIEWER, Role.ADMIN];

@Resolver()
export class FeedbackResolver {
  constructor(private readonly service: FeedbackService) {}

  @Roles(Role.VILLAGE_CADRE, Role.TOWN_STAFF)
  @Mutation(() => Feedback, { description: '提出投诉或建议（村、镇账号）' })
  fileFeedback(@Ctx() ctx: RequestContext, @Args('input') input: FileFeedbackInput) {
    return this.service.file(ctx, input);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => Feedback, { description: '受理反馈（减负办）' })
  acknowledgeFeedback(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.acknowledge(ctx, id);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => Feedback, { description: '答复反馈（减负办）；未受理的同时视为受理' })
  respondToFeedback(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('response') response: string) {
    return this.service.respond(ctx, id, response);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => Feedback, { description: '办结反馈（减负办，须已答复）' })
  resolveFeedback(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => Int }) id: number,
    @Args('resolution', { type: () => String, nullable: true }) resolution: string | null,
  ) {
    return this.service.resolve(ctx, id, resolution ?? null);
  }

  @Roles(...READERS)
  @Query(() => Feedback, { description: '一条反馈及其答复' })
  feedback(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }

  @Roles(...READERS)
  @Query(() => FeedbackPage, { description: '反馈列表（按本账号范围）；monitoringPoint 过滤监测点村的反馈' })
  feedbackList(@Ctx() ctx: RequestContext, @Args() args: FeedbackListArgs) {
    return this.service.list(ctx, args.filter ?? {}, args);
  }
}
