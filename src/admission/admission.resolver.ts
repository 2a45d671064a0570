import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Consultation } from '../consultation/consultation.entity.js';
import { ConsultationService } from '../consultation/consultation.service.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { DutiesService } from '../duties/duties.service.js';
import { DutyItem } from '../duties/duty-item.entity.js';
import { FormsService } from '../forms/forms.service.js';
import { FormVersion } from '../forms/form-version.entity.js';
import { Form } from '../forms/form.entity.js';
import { StaffRef } from '../identity/staff-ref.js';
import { UsersService } from '../identity/users.service.js';
import { AdmissionDecision } from './admission-decision.entity.js';
import { AdmissionRequest } from './admission-request.entity.js';
import {
  AdmissionRequestPage,
  AdmissionRequestsArgs,
  AnalysisType,
  CapStatus,
  ReviewAdmissionInput,
  SubmitAdmissionInput,
} from './admission.dto.js';
import { AdmissionService } from './admission.service.js';

@Resolver()
export class AdmissionResolver {
  constructor(private readonly service: AdmissionService) {}

  @Roles(Role.DEPARTMENT_STAFF, Role.OFFICE_REVIEWER, Role.ADMIN)
  @Query(() => AdmissionRequestPage, { description: '准入申请列表：部门看本部门的，减负办看全部' })
  admissionRequests(@Ctx() ctx: RequestContext, @Args() args: AdmissionRequestsArgs) {
    return this.service.list(ctx, args, args);
  }

  @Roles(Role.DEPARTMENT_STAFF, Role.OFFICE_REVIEWER, Role.ADMIN)
  @Query(() => AdmissionRequest)
  admissionRequest(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }

  @Roles(Role.DEPARTMENT_STAFF, Role.OFFICE_REVIEWER, Role.ADMIN, Role.VIEWER)
  @Query(() => CapStatus, { description: '村级表单上限与当前生效数' })
  villageFormCap() {
    return this.service.capStatus();
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => AdmissionRequest, { description: '提交准入申请（负面清单事项直接拒绝：NEGATIVE_LIST）' })
  submitAdmissionRequest(@Ctx() ctx: RequestContext, @Args('input') input: SubmitAdmissionInput) {
    return this.service.submit(ctx, input);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => AdmissionRequest, {
    description: '审核准入申请（表单或派单）：准入、不予准入、退回（后两者须写意见；退回派单须选退回原因类别）',
  })
  reviewAdmissionRequest(@Ctx() ctx: RequestContext, @Args('input') input: ReviewAdmissionInput) {
    return this.service.review(ctx, input);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => AdmissionRequest, { description: '撤回待审核的申请（表单或派单）' })
  withdrawAdmissionRequest(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => Int }) id: number,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ) {
    return this.service.withdraw(ctx, id, reason);
  }

  @Roles(Role.OFFICE_REVIEWER)
  @Mutation(() => Form, { description: '退出已准入的表单（临时事项不再报）' })
  retireForm(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('reason') reason: string) {
    return this.service.retire(ctx, id, reason);
  }
}

@Resolver(() => AdmissionRequest)
export class AdmissionRequestFieldsResolver {
  constructor(
    private readonly service: AdmissionService,
    private readonly forms: FormsService,
    private readonly departments: DepartmentsService,
    private readonly duties: DutiesService,
    private readonly users: UsersService,
    private readonly consultations: ConsultationService,
  ) {}

  @ResolveField(() => Consultation, { nullable: true, description: '随申请附上的征求意见及镇村反馈' })
  consultation(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return admissionRequest.consultationId ? this.consultations.load(ctx, admissionRequest.consultationId) : null;
  }

  @ResolveField(() => Form, { nullable: true, description: '申请准入的表单（报表类）；派单为空，见 workOrder' })
  form(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return admissionRequest.formId ? this.forms.loadForm(ctx, admissionRequest.formId) : null;
  }

  @ResolveField(() => FormVersion, { nullable: true, description: '申请准入的表单版本（报表类）' })
  formVersion(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return admissionRequest.formVersionId ? this.forms.loadVersion(ctx, admissionRequest.formVersionId) : null;
  }

  @ResolveField(() => Department)
  department(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return this.departments.load(ctx, admissionRequest.departmentId);
  }

  @ResolveField(() => DutyItem)
  dutyItem(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return this.duties.load(ctx, admissionRequest.dutyItemId);
  }

  @ResolveField(() => StaffRef)
  submittedBy(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return this.users.staffRef(ctx, admissionRequest.submittedBy);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '审核人（系统拒绝时为空）' })
  reviewer(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return admissionRequest.reviewerId ? this.users.staffRef(ctx, admissionRequest.reviewerId) : null;
  }

  @ResolveField(() => AnalysisType, { nullable: true, description: '提交时的重合与负担分析（负面清单拒绝时为空）' })
  analysis(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return this.service.analysisOf(ctx, admissionRequest);
  }

  @ResolveField(() => [AdmissionDecision], { description: '流转记录' })
  decisions(@Ctx() ctx: RequestContext, @Parent() admissionRequest: AdmissionRequest) {
    return this.service.decisionsOfRequest(ctx, admissionRequest.id);
  }
}

@Resolver(() => AdmissionDecision)
export class AdmissionDecisionFieldsResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => StaffRef, { nullable: true, description: '操作人（系统为空）' })
  actor(@Ctx() ctx: RequestContext, @Parent() admissionDecision: AdmissionDecision) {
    return admissionDecision.actorId ? this.users.staffRef(ctx, admissionDecision.actorId) : null;
  }
}

/** A form's admission history, on the Form type (the form was already scoped by whoever returned it). */
@Resolver(() => Form)
export class FormAdmissionFieldsResolver {
  constructor(private readonly service: AdmissionService) {}

  @ResolveField(() => [AdmissionDecision], { description: '准入流转记录（部门与减负办可见）' })
  async admissionHistory(@Ctx() ctx: RequestContext, @Parent() form: Form) {
    const me = ctx.me;
    if (!(
      me.role === Role.OFFICE_REVIEWER ||
      me.role === Role.ADMIN ||
      (me.role === Role.DEPARTMENT_STAFF && me.departmentId === form.departmentId)
    ))
      return [];
    return this.service.decisionsOfForm(ctx, form.id);
  }
}
