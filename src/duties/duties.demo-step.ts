import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegisterDemoStep, type DemoRun, type DemoStep } from '../common/demo-step.js';
import { DutyItem, DutyList } from './duty-item.entity.js';
import { DEMO_DUTIES, demoDutyLead } from './demo-duties.js';

@Injectable()
@RegisterDemoStep(50)
export class DutiesDemoStep implements DemoStep {
  readonly insideBaseTransaction = true;
  readonly name = 'duties';

  async run(run: DemoRun, em: EntityManager): Promise<void> {
    // Each item gets its 牵头部门 (the departments step ran before: run.departments).
    const departmentIds = new Map(run.departments.map((department) => [department.name, department.id]));
    const rows = DEMO_DUTIES.flatMap((demoDuty) =>
      demoDuty.items.map((name) => {
        const lead = demoDutyLead(demoDuty.list, name, demoDuty.group);
        const departmentId = departmentIds.get(lead);
        if (!departmentId) throw new Error(`demo: no department ${lead}`);
        return { list: demoDuty.list, groupName: demoDuty.group, name, departmentId };
      }),
    );
    await em.createQueryBuilder().insert().into(DutyItem).values(rows).execute();
    const count = (dutyList: DutyList) =>
      `${DEMO_DUTIES.filter((demoDuty) => demoDuty.list === dutyList).length} 类 ${rows.filter((row) => row.list === dutyList).length} 项`;
    run.summary.push(
      `职责清单：主责 ${count(DutyList.MAIN)}，协助 ${count(DutyList.ASSIST)}，负面 ${count(DutyList.NEGATIVE)}，${new Set(rows.map((row) => row.departmentId)).size} 个牵头部门`,
    );
  }
}
