import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ElementSuggestion } from '../catalog/catalog.resolver.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { DataElement } from '../catalog/data-element.entity.js';
import { Subject } from '../catalog/value-type.js';
import { Ctx } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { DutiesService } from '../duties/duties.service.js';
import { DutyItem } from '../duties/duty-item.entity.js';
import { FormsService } from './forms.service.js';
import { FieldSection, FormField } from './form-field.entity.js';
import { FormVersion } from './form-version.entity.js';
import { Form } from './form.entity.js';

@Resolver(() => Form)
export class FormFieldsResolver {
  constructor(
    private readonly forms: FormsService,
    private readonly departments: DepartmentsService,
    private readonly duties: DutiesService,
  ) {}

  @ResolveField(() => Department)
  department(@Ctx() ctx: RequestContext, @Parent() form: Form) {
    return this.departments.load(ctx, form.departmentId);
  }

  @ResolveField(() => DutyItem)
  dutyItem(@Ctx() ctx: RequestContext, @Parent() form: Form) {
    return this.duties.load(ctx, form.dutyItemId);
  }

  @ResolveField(() => FormVersion, { nullable: true })
  async currentVersion(@Ctx() ctx: RequestContext, @Parent() form: Form) {
    return form.currentVersionId ? this.forms.visibleVersion(ctx, form, form.currentVersionId) : null;
  }

  @ResolveField(() => [FormVersion], { description: '全部版本（从第 1 版起）' })
  versions(@Ctx() ctx: RequestContext, @Parent() form: Form) {
    return this.forms.visibleVersionsOf(ctx, form);
  }
}

@Resolver(() => FormVersion)
export class FormVersionFieldsResolver {
  constructor(private readonly forms: FormsService) {}

  @ResolveField(() => [FormField])
  fields(@Ctx() ctx: RequestContext, @Parent() formVersion: FormVersion) {
    return this.forms.fieldsOf(ctx, formVersion.id);
  }

  @ResolveField(() => Form)
  form(@Ctx() ctx: RequestContext, @Parent() formVersion: FormVersion) {
    return this.forms.loadForm(ctx, formVersion.formId);
  }
}

@Resolver(() => FormField)
export class FormFieldResolver {
  constructor(private readonly catalog: CatalogService) {}

  @ResolveField(() => DataElement, { nullable: true })
  element(@Ctx() ctx: RequestContext, @Parent() formField: FormField) {
    return formField.elementId ? this.catalog.load(ctx, formField.elementId) : null;
  }

  @ResolveField(() => [ElementSuggestion], { description: '未绑定时：名称相近的数据元（绑定后为空）' })
  suggestions(
    @Ctx() ctx: RequestContext,
    @Parent() formField: FormField,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ) {
    if (formField.elementId) return [];
    return this.catalog.suggest(
      ctx,
      formField.label,
      formField.section === FieldSection.RESIDENT ? Subject.RESIDENT : Subject.VILLAGE,
      limit ?? 3,
    );
  }
}
