import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { StaffRef } from '../identity/staff-ref.js';
import { UsersService } from '../identity/users.service.js';
import { Region } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import { ConsultationRecipient } from './consultation-recipient.entity.js';
import { Consultation } from './consultation.entity.js';
import {
  AnswerConsultationInput,
  ConsultationFormDraft,
  ConsultationPage,
  ConsultationsArgs,
  CreateConsultationInput,
} from './consultation.dto.js';
import { ConsultationService } from './consultation.service.js';

const READERS = [Role.DEPARTMENT_STAFF, Role.OFFICE_REVIEWER, Role.ADMIN, Role.TOWN_STAFF, Role.VILLAGE_CADRE];

@Resolver()
export class ConsultationResolver {
  constructor(private readonly service: ConsultationService) {}

  @Roles(...READERS)
  @Query(() => ConsultationPage, { description: '征求意见列表：部门看本部门发起的，镇看发给本镇及其村的，村看发给本村的' })
  consultations(@Ctx() ctx: RequestContext, @Args() args: ConsultationsArgs) {
    return this.service.list(ctx, args, args);
  }

  @Roles(...READERS)
  @Query(() => Consultation)
  consultation(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Consultation, { description: '发起征求意见（被征求意见的镇村收到消息）' })
  createConsultation(@Ctx() ctx: RequestContext, @Args('input') input: CreateConsultationInput) {
    return this.service.create(ctx, input);
  }

  @Roles(Role.TOWN_STAFF, Role.VILLAGE_CADRE)
  @Mutation(() => ConsultationRecipient, {
    description: '反馈意见；截止前可修改（以最后一次为准），结束或过截止时间后为 CONSULTATION_CLOSED',
  })
  answerConsultation(@Ctx() ctx: RequestContext, @Args('input') input: AnswerConsultationInput) {
    return this.service.answer(ctx, input);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Consultation, { description: '结束征求意见（不再接受反馈）' })
  closeConsultation(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.close(ctx, id);
  }
}

@Resolver(() => Consultation)
export class ConsultationFieldsResolver {
  constructor(
    private readonly service: ConsultationService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Department)
  department(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation) {
    return this.departments.load(ctx, consultation.departmentId);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '发起人' })
  createdBy(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation) {
    return this.users.staffRef(ctx, consultation.createdBy);
  }

  @ResolveField(() => ConsultationFormDraft, { nullable: true, description: '所征求意见的表单草稿' })
  formDraft(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation) {
    return this.service.formDraftOf(ctx, consultation);
  }

  @ResolveField(() => [ConsultationRecipient], { description: '被征求意见的镇村及反馈（村只见本村，镇见本镇及其村）' })
  recipients(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation) {
    return this.service.recipientsOf(ctx, consultation.id);
  }
}

@Resolver(() => ConsultationRecipient)
export class ConsultationRecipientFieldsResolver {
  constructor(
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Region)
  region(@Ctx() ctx: RequestContext, @Parent() recipient: ConsultationRecipient) {
    return this.regions.load(ctx, recipient.regionId);
  }

  @ResolveField(() => StaffRef, { nullable: true, description: '反馈人' })
  answeredBy(@Ctx() ctx: RequestContext, @Parent() recipient: ConsultationRecipient) {
    return recipient.answeredBy ? this.users.staffRef(ctx, recipient.answeredBy) : null;
  }
}
