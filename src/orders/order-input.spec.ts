import { WorkOrderKind } from '../admission/order-kind.js';
import { orderProblems, supportText, type WorkOrderFields } from './order-input.js';

const good: WorkOrderFields = {
  kind: WorkOrderKind.MEETING,
  title: '秋季征兵宣传',
  content: '九月在村务公开栏张贴征兵公告，组织一次适龄青年座谈。',
  dutyItemId: 1,
  departmentDoes: '市人武部提供宣传材料，派员到镇(街道)宣讲政策',
  villageDoes: '村委会张贴公告并通知适龄青年参加座谈',
  legalBasis: '《中华人民共和国兵役法》第二十五条',
  justification: '确保适龄青年知晓应征政策，完成年度征兵任务',
  fundsYuan: 0,
  supportStaff: '无',
  supportMaterials: '宣传海报 20 张',
  deadline: '2031-09-30',
  townIds: [1],
};
const fieldsOf = (fields: Partial<WorkOrderFields>) => orderProblems({ ...good, ...fields }, '2031-01-01').map((problem) => problem.field);

describe('work order input', () => {
  it('accepts an order whose support is stated, "无" and 0 included', () => {
    expect(orderProblems(good, '2031-01-01')).toEqual([]);
    expect(supportText(good)).toBe('随单下拨资金 0 元；人员：无；物资：宣传海报 20 张');
  });

  it('refuses support left blank, field by field', () => {
    expect(fieldsOf({ fundsYuan: null })).toEqual(['fundsYuan']);
    expect(fieldsOf({ fundsYuan: -5 })).toEqual(['fundsYuan']);
    expect(fieldsOf({ supportStaff: ' ' })).toEqual(['supportStaff']);
    expect(fieldsOf({ supportMaterials: undefined })).toEqual(['supportMaterials']);
  });

  it('refuses a past deadline (today is allowed), a form as an order, no towns, and evidence asked without saying which', () => {
    expect(fieldsOf({ deadline: '2030-12-31' })).toEqual(['deadline']);
    expect(fieldsOf({ deadline: '2031-01-01' })).toEqual([]);
    expect(fieldsOf({ kind: WorkOrderKind.REPORT })).toEqual(['kind']);
    expect(fieldsOf({ townIds: [] })).toEqual(['townIds']);
    expect(fieldsOf({ townIds: [1, 1] })).toEqual(['townIds']);
    expect(fieldsOf({ evidenceRequired: true })).toEqual(['evidenceNote']);
    expect(fieldsOf({ evidenceRequired: true, evidenceNote: '座谈签到表' })).toEqual([]);
  });

  it('checks the clarities as admission does for forms', () => {
    expect(fieldsOf({ villageDoes: '按上级要求做好相关工作' })).toEqual(['villageDoes']);
  });
});
