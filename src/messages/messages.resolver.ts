import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { MessagePage, MessagesArgs } from './messages.dto.js';
import { Message } from './message.entity.js';
import { MessagesService } from './messages.service.js';

@Resolver()
export class MessagesResolver {
  constructor(private readonly service: MessagesService) {}

  @Query(() => MessagePage, { description: '我的消息（发给本人、本单位的），新的在前' })
  messages(@Ctx() ctx: RequestContext, @Args() args: MessagesArgs) {
    return this.service.list(ctx, args, args);
  }

  @Query(() => Int, { description: '未读消息数（页头的角标）' })
  unreadMessageCount(@Ctx() ctx: RequestContext) {
    return this.service.unreadCount(ctx);
  }

  @Mutation(() => Message, { description: '把一条消息标为已读' })
  markMessageRead(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.markRead(ctx, id);
  }

  @Mutation(() => Int, { description: '全部标为已读，返回标记的条数' })
  markAllMessagesRead(@Ctx() ctx: RequestContext) {
    return this.service.markAllRead(ctx);
  }
}
