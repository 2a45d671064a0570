import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions.js';
import { AuditService } from '../audit/audit.service.js';
import { badField, badInput, conflict, notFound, type FieldProblem } from '../common/errors.js';
import { orderByKeys, type RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { NameplateCategory, PublicList, PublicListItem } from './public-list-item.entity.js';

/** What the office types for an item; which fields apply depends on the list. */
export interface ListItemInput {
  name?: string;
  category?: NameplateCategory | null;
  basis?: string | null;
  alternative?: string | null;
  note?: string | null;
}

const LIST_NAMES: Record<PublicList, string> = { CERTIFICATE: '证明事项清单', NAMEPLATE: '挂牌标准' };
const CATEGORIES = Object.values(NameplateCategory) as string[];

const secondPrecision = () => new Date(Math.floor(Date.now() / 1000) * 1000);

/** Trims; blank is null. */
const text = (value: string | null | undefined): string | null | undefined => (value === undefined ? undefined : value?.trim() || null);

@Injectable()
export class PublicListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** What the public page shows: the items in use, in the office's order (no login). */
  published(list: PublicList | null | undefined): Promise<PublicListItem[]> {
    return this.dataSource.getRepository(PublicListItem).find({
      where: { ...(list ? { list } : {}), retiredAt: IsNull() },
      order: { list: 'ASC', sortOrder: 'ASC', id: 'ASC' },
    });
  }

  /** The office's view: a whole list, retired items included. */
  all(list: PublicList): Promise<PublicListItem[]> {
    return this.dataSource.getRepository(PublicListItem).find({ where: { list }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  /** Batched per request (a page of complaints names its items in one query); retired items too. */
  load(ctx: RequestContext, id: number): Promise<PublicListItem | null> {
    return ctx
      .loader<number, PublicListItem | null>('publicListItem.byId', async (ids) =>
        orderByKeys(ids, await this.dataSource.getRepository(PublicListItem).findBy({ id: In([...ids]) }), (item) => item.id),
      )
      .load(id);
  }

  /** A complaint names an item in the filer's transaction: it must exist and be in use. */
  async assertNameable(em: EntityManager, id: number, field: string): Promise<PublicListItem> {
    const item = await em.getRepository(PublicListItem).findOneBy({ id });
    if (!item) throw badField(field, '所选清单事项不存在，请从清单中重新选择');
    if (item.retiredAt) throw badField(field, `清单事项“${item.name}”已停用，请从现行清单中重新选择`);
    return item;
  }

  /** Checks the fields given for a list; every problem at once, in Chinese. */
  private check(list: PublicList, input: ListItemInput, creating: boolean): ListItemInput {
    const problems: FieldProblem[] = [];
    const out: ListItemInput = {
      name: text(input.name) ?? (input.name === undefined ? undefined : ''),
      category: input.category,
      basis: text(input.basis),
      alternative: text(input.alternative),
      note: text(input.note),
    };
    const need = (field: keyof ListItemInput, message: string) => {
      if (creating ? !out[field] : input[field] !== undefined && !out[field]) problems.push({ field, message });
    };
    const longer = (field: 'basis' | 'alternative' | 'note', max: number, label: string) => {
      const value = out[field];
      if (value && value.length > max) problems.push({ field, message: `${label}最多 ${max} 个字` });
    };
    need('name', '名称不能为空');
    if (out.name && out.name.length > 64) problems.push({ field: 'name', message: '名称最多 64 个字' });
    if (list === PublicList.CERTIFICATE) {
      need('basis', '请填写依据（如文件名称和文号）');
      need('alternative', '请填写替代方式：群众或部门应当向哪里取得、用什么代替');
      if (out.category) problems.push({ field: 'category', message: '证明事项不填挂牌类别' });
      if (creating || input.category !== undefined) out.category = null;
    } else {
      need('category', '请选择挂牌类别：必挂、可挂或统一标识');
      if (out.category && !CATEGORIES.includes(out.category)) problems.push({ field: 'category', message: '挂牌类别无效' });
      if (out.basis) problems.push({ field: 'basis', message: '挂牌标准的事项不填依据，可写在说明中' });
      if (out.alternative) problems.push({ field: 'alternative', message: '挂牌标准的事项不填替代方式' });
    }
    longer('basis', 200, '依据');
    longer('alternative', 200, '替代方式');
    longer('note', 200, '说明');
    if (problems.length) throw badInput(problems.map((problem) => problem.message).join('；'), problems);
    return out;
  }

  async create(ctx: RequestContext, list: PublicList, input: ListItemInput): Promise<PublicListItem> {
    const fields = this.check(list, input, true);
    return this.tx.run(async (em) => {
      const repo = em.getRepository(PublicListItem);
      await this.assertFreeName(em, list, fields.name!, null);
      const last = await repo
        .createQueryBuilder('i')
        .select('MAX(i.sortOrder)', 'last')
        .where('i.list = :list', { list })
        .getRawOne<{ last: number | string | null }>();
      const item = repo.create({
        list,
        name: fields.name!,
        category: fields.category ?? null,
        basis: fields.basis ?? null,
        alternative: fields.alternative ?? null,
        note: fields.note ?? null,
        sortOrder: Number(last?.last ?? 0) + 1,
        retiredAt: null,
      });
      await repo.save(item);
      await this.record(em, ctx, 'publicList.create', item, { list: LIST_NAMES[list], name: item.name });
      return repo.findOneByOrFail({ id: item.id });
    });
  }

  async update(ctx: RequestContext, id: number, input: ListItemInput): Promise<PublicListItem> {
    return this.tx.run(async (em) => {
      const repo = em.getRepository(PublicListItem);
      const item = await repo.findOneBy({ id });
      if (!item) throw notFound('清单事项');
      const fields = this.check(item.list, input, false);
      const before = this.snapshot(item);
      if (fields.name !== undefined) {
        await this.assertFreeName(em, item.list, fields.name, item.id);
        item.name = fields.name;
      }
      if (fields.category !== undefined) item.category = fields.category;
      if (fields.basis !== undefined) item.basis = fields.basis;
      if (fields.alternative !== undefined) item.alternative = fields.alternative;
      if (fields.note !== undefined) item.note = fields.note;
      await repo.save(item);
      await this.record(em, ctx, 'publicList.update', item, { list: LIST_NAMES[item.list], before, after: this.snapshot(item) });
      return repo.findOneByOrFail({ id });
    });
  }

  /** Retires (no longer published or nameable) or restores an item; the same state twice is a conflict. */
  async setRetired(ctx: RequestContext, id: number, retired: boolean): Promise<PublicListItem> {
    return this.tx.run(async (em) => {
      const repo = em.getRepository(PublicListItem);
      const item = await repo.findOneBy({ id });
      if (!item) throw notFound('清单事项');
      if (retired === !!item.retiredAt) throw conflict(`清单事项“${item.name}”${retired ? '已停用' : '未停用'}，无需重复操作`);
      item.retiredAt = retired ? secondPrecision() : null;
      await repo.save(item);
      await this.record(em, ctx, retired ? 'publicList.retire' : 'publicList.restore', item, {
        list: LIST_NAMES[item.list],
        name: item.name,
      });
      return repo.findOneByOrFail({ id });
    });
  }

  /** Sets a list's order: `ids` must be every item of the list (retired ones too), each once. */
  async reorder(ctx: RequestContext, list: PublicList, ids: number[]): Promise<PublicListItem[]> {
    return this.tx.run(async (em) => {
      const repo = em.getRepository(PublicListItem);
      const items = await repo.find({ where: { list }, order: { sortOrder: 'ASC', id: 'ASC' } });
      const known = new Set(items.map((item) => item.id));
      if (new Set(ids).size !== ids.length || ids.length !== items.length || ids.some((id) => !known.has(id)))
        throw badField('ids', `排序须列出${LIST_NAMES[list]}中的全部事项各一次（共 ${items.length} 项），请刷新后重试`);
      const position = new Map(ids.map((id, i) => [id, i + 1]));
      const moved = items.filter((item) => item.sortOrder !== position.get(item.id));
      for (const item of moved) await repo.update({ id: item.id }, { sortOrder: position.get(item.id)! });
      await this.audit.record(em, ctx, {
        action: 'publicList.reorder',
        objectType: 'public_list_item',
        detail: { list: LIST_NAMES[list], count: moved.length },
      });
      return repo.find({ where: { list }, order: { sortOrder: 'ASC', id: 'ASC' } });
    });
  }

  private async assertFreeName(em: EntityManager, list: PublicList, name: string, self: number | null): Promise<void> {
    const same = await em.getRepository(PublicListItem).findOneBy({ list, name });
    if (same && same.id !== self) throw conflict(`${LIST_NAMES[list]}中已有“${name}”${same.retiredAt ? '（已停用，可恢复使用）' : ''}`);
  }

  private snapshot(item: PublicListItem) {
    return { name: item.name, category: item.category, basis: item.basis, alternative: item.alternative, note: item.note };
  }

  private record(em: EntityManager, ctx: RequestContext, action: AuditAction, item: PublicListItem, detail: Record<string, unknown>) {
    return this.audit.record(em, ctx, { action, objectType: 'public_list_item', objectId: item.id, detail });
  }
}
