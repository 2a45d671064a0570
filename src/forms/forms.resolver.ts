import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { CreateFormInput, FormPage, FormsArgs, UpdateFormInput } from './forms.dto.js';
import { FormsService } from './forms.service.js';
import { FormVersion } from './form-version.entity.js';
import { Form } from './form.entity.js';

@Resolver()
export class FormsResolver {
  constructor(private readonly service: FormsService) {}

  @Query(() => FormPage, { description: '表单列表：部门看本部门的，减负办看全部，镇村与领导只看已准入的' })
  forms(@Ctx() ctx: RequestContext, @Args() args: FormsArgs) {
    return this.service.list(ctx, args, args);
  }

  @Query(() => Form)
  form(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.getForm(ctx, id);
  }

  @Query(() => FormVersion)
  formVersion(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.getVersion(ctx, id);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Form, { description: '设计表单（草稿，第 1 版）' })
  createForm(@Ctx() ctx: RequestContext, @Args('input') input: CreateFormInput) {
    return this.service.createForm(ctx, input);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Form, { description: '修改草稿或退回的表单；已提交过的版本不变，修改形成新版本' })
  updateForm(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number, @Args('input') input: UpdateFormInput) {
    return this.service.updateForm(ctx, id, input);
  }

  @Roles(Role.DEPARTMENT_STAFF)
  @Mutation(() => Boolean, { description: '删除从未提交的草稿' })
  deleteForm(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.deleteDraft(ctx, id);
  }
}
