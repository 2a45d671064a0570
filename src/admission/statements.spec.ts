import { statementProblems, type AdmissionStatements } from './statements.js';

const good: AdmissionStatements = {
  departmentDoes: '市民政局制定高龄津贴标准并按季度拨付资金',
  villageDoes: '村委会每季度核实80岁以上老人健在情况并上报名单',
  departmentSupport: '提供名单底册和核查系统账号，安排专人答疑',
  legalBasis: '《湖北省高龄津贴制度实施办法》第六条',
  justification: '防止津贴冒领，确保资金发放到人',
};

describe('admission statements', () => {
  it('accepts concrete statements', () => {
    expect(statementProblems(good)).toEqual([]);
  });

  it('names each empty or boilerplate statement', () => {
    const fieldProblems = statementProblems({
      ...good,
      villageDoes: '  ',
      departmentSupport: '无',
      legalBasis: '按上级要求',
      justification: '工作需要，按要求填报',
    });
    expect(fieldProblems.map((x) => x.field)).toEqual(['villageDoes', 'departmentSupport', 'legalBasis', 'justification']);
    expect(fieldProblems[0].message).toContain('村(社区)做什么');
    expect(fieldProblems[1].message).toContain('笼统');
  });

  it('refuses repeated characters and copies of another statement', () => {
    expect(statementProblems({ ...good, justification: '啊啊啊啊啊啊啊啊' })[0].field).toBe('justification');
    const fieldProblems = statementProblems({ ...good, villageDoes: good.departmentDoes });
    expect(fieldProblems).toEqual([{ field: 'villageDoes', message: expect.stringContaining('内容相同') }]);
  });
});
