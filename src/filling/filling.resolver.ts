import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Assignment } from '../dispatch/assignment.entity.js';
import { DispatchService } from '../dispatch/dispatch.service.js';
import { FieldValue, RowView, SaveSubmissionInput } from './filling.dto.js';
import { FillingService, SubmissionDecision, visibleValues } from './filling.service.js';
import { Submission } from './submission.entity.js';
import { StaffRef } from '../identity/staff-ref.js';
import { UsersService } from '../identity/users.service.js';

@Resolver()
export class FillingResolver {
  constructor(private readonly filling: FillingService) {}

  @Roles(Role.VILLAGE_CADRE, Role.TOWN_STAFF)
  @Mutation(() => Submission, { description: '保存草稿或提交（submit: true）；clientId 防重复，expectedVersion 防覆盖' })
  saveSubmission(@Ctx() ctx: RequestContext, @Args('input') input: SaveSubmissionInput) {
    return this.filling.saveSubmission(ctx, input);
  }

  @Roles(Role.TOWN_STAFF, Role.DEPARTMENT_STAFF)
  @Mutation(() => Submission, { description: '审核：通过（写回共享库）或退回（须写理由）' })
  reviewSubmission(
    @Ctx() ctx: RequestContext,
    @Args('submissionId', { type: () => Int }) submissionId: number,
    @Args('decision', { type: () => SubmissionDecision }) decision: SubmissionDecision,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ) {
    return this.filling.reviewSubmission(ctx, submissionId, decision, comment);
  }

  @Query(() => Submission)
  submission(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.filling.getSubmission(ctx, id);
  }
}

@Resolver(() => Submission)
export class SubmissionFieldsResolver {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly filling: FillingService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => [FieldValue], { description: '表头字段的值（电话按本账号权限脱敏）' })
  async values(@Ctx() ctx: RequestContext, @Parent() submission: Submission): Promise<FieldValue[]> {
    return visibleValues(await this.filling.personalView(ctx, submission), submission.valuesJson);
  }

  @ResolveField(() => [RowView], { description: '居民明细行（身份证号脱敏，出生日期只显示年份，电话按本账号权限脱敏）' })
  async rows(@Ctx() ctx: RequestContext, @Parent() submission: Submission): Promise<RowView[]> {
    const [rows, view] = await Promise.all([this.filling.rowsOf(ctx, submission.id), this.filling.personalView(ctx, submission)]);
    await this.filling.noteRowsRead(ctx, submission.id, rows.length, !!view.who.own);
    return rows.map((submissionRow) => ({
      index: submissionRow.position,
      idMasked: submissionRow.idMasked,
      values: visibleValues(view, submissionRow.valuesJson),
    }));
  }

  @ResolveField(() => Submission, {
    nullable: true,
    description: '上期：同一单位同一表单上一期已提交或已通过的填报数据（审核时逐项对比；没有上期时为空）',
  })
  previous(@Ctx() ctx: RequestContext, @Parent() submission: Submission) {
    return this.filling.previousOf(ctx, submission);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '提交人（最近一次提交的经办人；未提交时为空）' })
  submittedBy(@Ctx() ctx: RequestContext, @Parent() submission: Submission) {
    return submission.submittedAt ? this.users.staffRef(ctx, submission.updatedBy) : null;
  }

  @ResolveField(() => Assignment)
  assignment(@Ctx() ctx: RequestContext, @Parent() submission: Submission) {
    return this.dispatch.loadAssignment(ctx, submission.assignmentId);
  }
}

@Resolver(() => Assignment)
export class AssignmentSubmissionResolver {
  constructor(private readonly filling: FillingService) {}

  @ResolveField(() => Submission, { nullable: true, description: '填报数据（未开始时为空）；退回理由见 returnComment' })
  submission(@Ctx() ctx: RequestContext, @Parent() assignment: Assignment) {
    return this.filling.ofAssignment(ctx, assignment.id);
  }
}
