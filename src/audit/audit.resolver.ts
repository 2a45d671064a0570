import { Args, ArgsType, Field, InputType, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsDate, IsOptional, MaxLength } from 'class-validator';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { PageArgs, Paginated } from '../common/paging.js';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-actions.js';
import { detailText, objectTypeLabel, OUTCOME_LABELS } from './audit-details.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

@InputType()
class AuditFilterInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) action?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() userId?: number;
  @Field(() => String, { nullable: true, description: '用户名（精确匹配）' }) @IsOptional() @MaxLength(64) username?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) objectType?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) objectId?: string;
  // Date scalars, not strings: an ISO string compared with SQLite's 'YYYY-MM-DD HH:MM:SS' text sorts wrongly.
  @Field(() => Date, { nullable: true, description: '起（含）' }) @IsOptional() @IsDate() from?: Date;
  @Field(() => Date, { nullable: true, description: '止（不含）' }) @IsOptional() @IsDate() to?: Date;
}

@ArgsType()
class AuditArgs extends PageArgs {
  @Field(() => AuditFilterInput, { nullable: true })
  @IsOptional()
  filter?: AuditFilterInput;
}

const AuditEventPage = Paginated(AuditEvent, 'AuditEventPage');

@ObjectType()
class AuditVerification {
  @Field() ok: boolean;
  @Field(() => Int) checked: number;
  @Field(() => Int, { nullable: true }) firstBrokenSeq: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType({ description: '审计动作及其中文名称' })
class AuditActionName {
  @Field({ description: '动作代码（用于筛选）' }) action: string;
  @Field({ description: '中文名称' }) label: string;
}

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.AUDITOR)
  @Query(() => AuditEventPage, { description: '审计日志（仅审计管理员；每次查看本身也记入审计）' })
  auditEvents(@Ctx() ctx: RequestContext, @Args() args: AuditArgs) {
    return this.audit.read(ctx, args.filter ?? {}, args);
  }

  @Roles(Role.AUDITOR)
  @Query(() => [AuditActionName], { description: '平台会记录的全部审计动作及中文名称（筛选用）' })
  auditActions(): AuditActionName[] {
    return Object.entries(AUDIT_ACTION_LABELS).map(([action, label]) => ({ action, label }));
  }

  @Roles(Role.AUDITOR)
  @Query(() => AuditVerification, { description: '校验审计哈希链是否完整' })
  verifyAuditChain() {
    return this.audit.verify();
  }
}

@Resolver(() => AuditEvent)
export class AuditEventFieldsResolver {
  @ResolveField(() => String, { description: '动作的中文名称' })
  actionLabel(@Parent() auditEvent: AuditEvent): string {
    return auditActionLabel(auditEvent.action);
  }

  @ResolveField(() => String, { description: '结果的中文名称（成功、失败、拒绝）' })
  outcomeLabel(@Parent() auditEvent: AuditEvent): string {
    return OUTCOME_LABELS[auditEvent.outcome] ?? auditEvent.outcome;
  }

  @ResolveField(() => String, { description: '对象类型的中文名称' })
  objectTypeLabel(@Parent() auditEvent: AuditEvent): string {
    return objectTypeLabel(auditEvent.objectType);
  }

  @ResolveField(() => String, { description: '补充信息的中文说明（如“涉及人数：3；角色：村(社区)干部”）' })
  detailText(@Parent() auditEvent: AuditEvent): string {
    return detailText(auditEvent.detail);
  }
}
