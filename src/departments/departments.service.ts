import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { notFound } from '../common/errors.js';
import { orderByKeys, type RequestContext } from '../common/request-context.js';
import { Department } from './department.entity.js';

@Injectable()
export class DepartmentsService {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<Department[]> {
    return this.dataSource.getRepository(Department).find({ order: { id: 'ASC' } });
  }

  async get(ctx: RequestContext, id: number): Promise<Department> {
    const d = await this.load(ctx, id);
    if (!d) throw notFound('部门');
    return d;
  }

  load(ctx: RequestContext, id: number): Promise<Department | null> {
    return ctx
      .loader<number, Department | null>('department.byId', async (ids) =>
        orderByKeys(ids, await this.dataSource.getRepository(Department).findBy({ id: In([...ids]) }), (d) => d.id),
      )
      .load(id);
  }

  /** The name of a department, or null if there is none with this id (one statement: for a one-off label). */
  async nameOf(id: number): Promise<string | null> {
    return (await this.dataSource.getRepository(Department).findOne({ select: { id: true, name: true }, where: { id } }))?.name ?? null;
  }
}
