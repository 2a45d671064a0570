import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { notFound } from '../common/errors.js';
import { orderByKeys, type RequestContext } from '../common/request-context.js';
import { DataElement } from './data-element.entity.js';
import type { ValueRule } from './value-validation.js';
import type { Subject } from './value-type.js';

@Injectable()
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(DataElement);
  }

  list(subject?: Subject): Promise<DataElement[]> {
    return this.repo.find({ where: subject ? { subject } : {}, order: { code: 'ASC' } });
  }

  async get(ctx: RequestContext, id: number): Promise<DataElement> {
    const e = await this.load(ctx, id);
    if (!e) throw notFound('数据元');
    return e;
  }

  async byCodes(codes: string[]): Promise<Map<string, DataElement>> {
    if (!codes.length) return new Map();
    const rows = await this.repo.findBy({ code: In(codes) });
    return new Map(rows.map((e) => [e.code, e]));
  }

  load(ctx: RequestContext, id: number): Promise<DataElement | null> {
    return ctx
      .loader<number, DataElement | null>('dataElement.byId', async (ids) => orderByKeys(ids, await this.repo.findBy({ id: In([...ids]) }), (e) => e.id))
      .load(id);
  }

  static ruleOf(e: DataElement): ValueRule {
    return { valueType: e.valueType, options: e.options, min: e.minValue, max: e.maxValue };
  }
}
