import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../common/auth-user.js';
import { StrictDate } from '../common/date-scalars.js';
import { Ctx, Roles } from '../common/decorators.js';
import type { RequestContext } from '../common/request-context.js';
import { AutofillResult, SubjectProfile, VillageRefInput } from './autofill.types.js';
import { AutofillService } from './autofill.service.js';

@Resolver()
export class AutofillResolver {
  constructor(private readonly service: AutofillService) {}

  @Query(() => AutofillResult, {
    description: '按表单版本自动填写：绑定数据元的村级字段取当前值，居民行按身份证号取值（带来源、数据日期、是否过期）',
  })
  @Roles(Role.VILLAGE_CADRE, Role.TOWN_STAFF, Role.ADMIN)
  autofill(
    @Ctx() ctx: RequestContext,
    @Args('formVersionId', { type: () => Int }) formVersionId: number,
    @Args('village', { type: () => VillageRefInput }) village: VillageRefInput,
    @Args('idNumbers', { type: () => [String], nullable: true }) idNumbers?: string[],
    @Args('periodStart', { type: () => StrictDate, nullable: true, description: '本期开始日期 YYYY-MM-DD：更早的数据标为过期' })
    periodStart?: string,
  ) {
    return this.service.autofillForm(ctx, formVersionId, village, idNumbers ?? [], periodStart);
  }

  @Query(() => AutofillResult, { description: '按数据元自动填写：村级当前值与按身份证号的居民行（带来源、数据日期、是否过期）' })
  @Roles(Role.VILLAGE_CADRE, Role.TOWN_STAFF, Role.ADMIN)
  autofillElements(
    @Ctx() ctx: RequestContext,
    @Args('elementCodes', { type: () => [String] }) elementCodes: string[],
    @Args('village', { type: () => VillageRefInput }) village: VillageRefInput,
    @Args('idNumbers', { type: () => [String], nullable: true }) idNumbers?: string[],
    @Args('periodStart', { type: () => StrictDate, nullable: true, description: '本期开始日期 YYYY-MM-DD：更早的数据标为过期' })
    periodStart?: string,
  ) {
    return this.service.autofillElements(ctx, elementCodes, village, idNumbers ?? [], periodStart);
  }

  @Query(() => SubjectProfile, { description: '一键查询一个村(社区)或一位居民（按身份证号，记入审计）的全部当前数据' })
  @Roles(Role.ADMIN, Role.OFFICE_REVIEWER, Role.TOWN_STAFF, Role.VILLAGE_CADRE, Role.VIEWER)
  subjectProfile(
    @Ctx() ctx: RequestContext,
    @Args('village', { type: () => VillageRefInput, nullable: true }) village?: VillageRefInput,
    @Args('idNumber', { type: () => String, nullable: true }) idNumber?: string,
  ) {
    return this.service.subjectProfile(ctx, village ?? null, idNumber ?? null);
  }
}
