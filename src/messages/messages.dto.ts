import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageArgs, Paginated } from '../common/paging.js';
import { Message } from './message.entity.js';

@ArgsType()
export class MessagesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'true：只看未读' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

export const MessagePage = Paginated(Message, 'MessagePage');
