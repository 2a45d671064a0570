import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DepartmentsService } from '../departments/departments.service.js';
import { badInput, conflict, notFound, type FieldProblem } from '../common/errors.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import { orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { DutyItem, DutyList } from './duty-item.entity.js';

export interface DutyFilter {
  list?: DutyList;
  groupName?: string;
  query?: string;
  /** 牵头部门: only the items this department leads. */
  departmentId?: number;
}
export interface DutyInput {
  list: DutyList;
  groupName: string;
  name: string;
  /** 牵头部门 (null: none yet). */
  departmentId?: number | null;
}

@Injectable()
export class DutiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly departments: DepartmentsService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(DutyItem);
  }

  /** The lists are public information: every signed-in role may read them. */
  async list(ctx: RequestContext, filter: DutyFilter, page: PageArgs): Promise<Page<DutyItem>> {
    const { take, skip } = pageOf(page);
    const qb = this.repo.createQueryBuilder('d');
    if (filter.list) qb.andWhere('d.list = :list', { list: filter.list });
    if (filter.groupName) qb.andWhere('d.groupName = :g', { g: filter.groupName });
    if (filter.departmentId != null) qb.andWhere('d.departmentId = :dept', { dept: filter.departmentId });
    if (filter.query?.trim())
      qb.andWhere('(d.name LIKE :q OR d.groupName LIKE :q)', { q: `%${filter.query.trim().replace(/[%_]/g, '')}%` });
    const [items, totalItems] = await qb.orderBy('d.id', 'ASC').take(take).skip(skip).getManyAndCount();
    return { items, totalItems };
  }

  async get(ctx: RequestContext, id: number): Promise<DutyItem> {
    const dutyItem = await this.load(ctx, id);
    if (!dutyItem) throw notFound('职责事项');
    return dutyItem;
  }

  load(ctx: RequestContext, id: number): Promise<DutyItem | null> {
    return ctx
      .loader<number, DutyItem | null>('dutyItem.byId', async (ids) =>
        orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (dutyItem) => dutyItem.id),
      )
      .load(id);
  }

  private check(input: Partial<DutyInput>): Omit<DutyInput, 'departmentId'> | never {
    const problems: FieldProblem[] = [];
    const groupName = input.groupName?.trim() ?? '';
    const name = input.name?.trim() ?? '';
    if (input.groupName !== undefined && (!groupName || groupName.length > 64))
      problems.push({ field: 'groupName', message: '事项分类不能为空，且不超过 64 个字' });
    if (input.name !== undefined && (!name || name.length > 128))
      problems.push({ field: 'name', message: '事项名称不能为空，且不超过 128 个字' });
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    return { list: input.list!, groupName, name };
  }

  async create(ctx: RequestContext, input: DutyInput): Promise<DutyItem> {
    const dutyInput = this.check(input);
    return this.tx.run(async (em) => {
      const repo = em.getRepository(DutyItem);
      const departmentId = await this.leadDepartment(em, input.departmentId);
      if (await repo.existsBy({ list: dutyInput.list, name: dutyInput.name })) throw conflict(`该清单中已有事项“${dutyInput.name}”`);
      const dutyItem = repo.create({ ...dutyInput, departmentId });
      await repo.save(dutyItem);
      await this.audit.record(em, ctx, {
        action: 'duty.create',
        objectType: 'duty_item',
        objectId: dutyItem.id,
        detail: { list: dutyItem.list, groupName: dutyItem.groupName, name: dutyItem.name, departmentId: dutyItem.departmentId },
      });
      return dutyItem;
    });
  }

  /** The 牵头部门 asked for, checked in the transaction: undefined stays undefined, null clears, an unknown id is bad input. */
  private async leadDepartment(em: EntityManager, departmentId: number | null | undefined): Promise<number | null | undefined> {
    if (departmentId == null) return departmentId;
    if (!(await this.departments.byIds([departmentId], em)).length)
      throw badInput('所选牵头部门不存在，请从部门列表中重新选择', [{ field: 'departmentId', message: '牵头部门不存在' }]);
    return departmentId;
  }

  async update(ctx: RequestContext, id: number, input: Partial<DutyInput>): Promise<DutyItem> {
    const dutyInput = this.check(input);
    return this.tx.run(async (em) => {
      const repo = em.getRepository(DutyItem);
      const dutyItem = await repo.findOneBy({ id });
      if (!dutyItem) throw notFound('职责事项');
      const departmentId = await this.leadDepartment(em, input.departmentId);
      const before = { list: dutyItem.list, groupName: dutyItem.groupName, name: dutyItem.name, departmentId: dutyItem.departmentId };
      if (input.list) dutyItem.list = input.list;
      if (input.groupName !== undefined) dutyItem.groupName = dutyInput.groupName;
      if (input.name !== undefined) dutyItem.name = dutyInput.name;
      if (departmentId !== undefined) dutyItem.departmentId = departmentId;
      await repo.save(dutyItem);
      await this.audit.record(em, ctx, {
        action: 'duty.update',
        objectType: 'duty_item',
        objectId: id,
        detail: {
          before,
          after: { list: dutyItem.list, groupName: dutyItem.groupName, name: dutyItem.name, departmentId: dutyItem.departmentId },
        },
      });
      return dutyItem;
    });
  }

  /**
   * Deletes an item nothing refers to. Forms name their duty item, and only the forms module knows them:
   * it passes `referenced` (see forms/duty-items.resolver.ts), checked in the same transaction.
   */
  async remove(ctx: RequestContext, id: number, referenced: (em: EntityManager, id: number) => Promise<boolean>): Promise<boolean> {
    return this.tx.run(async (em) => {
      const dutyItem = await em.getRepository(DutyItem).findOneBy({ id });
      if (!dutyItem) throw notFound('职责事项');
      // Removing a referenced item would orphan the form's admission grounds.
      if (await referenced(em, id)) throw conflict(`事项“${dutyItem.name}”已被表单引用，不能删除；可修改其名称或分类`);
      await em.getRepository(DutyItem).delete({ id });
      await this.audit.record(em, ctx, {
        action: 'duty.delete',
        objectType: 'duty_item',
        objectId: id,
        detail: { list: dutyItem.list, groupName: dutyItem.groupName, name: dutyItem.name },
      });
      return true;
    });
  }

  /** A duty item read in the caller's transaction (admission checks the list a form is filed under). */
  byId(em: EntityManager, id: number): Promise<DutyItem | null> {
    return em.getRepository(DutyItem).findOneBy({ id });
  }
}
