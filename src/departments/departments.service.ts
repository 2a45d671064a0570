import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Contains } from '../common/like.js';
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
    const department = await this.load(ctx, id);
    if (!department) throw notFound('部门');
    return department;
  }

  load(ctx: RequestContext, id: number): Promise<Department | null> {
    return ctx
      .loader<number, Department | null>('department.byId', async (ids) =>
        orderByKeys(ids, await this.dataSource.getRepository(Department).findBy({ id: In([...ids]) }), (department) => department.id),
      )
      .load(id);
  }

  /** Ids of the departments whose name holds `text` (the user list's search by unit). */
  async idsNamed(text: string): Promise<number[]> {
    return (await this.dataSource.getRepository(Department).find({ select: { id: true }, where: { name: Contains(text.trim()) } })).map(
      (department) => department.id,
    );
  }

  /** Departments by id, read in the caller's transaction when one is given. */
  byIds(ids: number[], em?: EntityManager): Promise<Department[]> {
    if (!ids.length) return Promise.resolve([]);
    return (em ?? this.dataSource.manager).getRepository(Department).findBy({ id: In(ids) });
  }

  /** The name of a department, or null if there is none with this id (one statement: for a one-off label). */
  async nameOf(id: number): Promise<string | null> {
    return (await this.dataSource.getRepository(Department).findOne({ select: { id: true, name: true }, where: { id } }))?.name ?? null;
  }
}
