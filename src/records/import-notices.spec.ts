import { ignoredColumnsNotice, normalisedNotices } from './import-notices.js';

describe('import notices', () => {
  it('names every ignored column, and asks for an alias only when a column was not recognised', () => {
    expect(ignoredColumnsNotice([])).toBeNull();
    expect(ignoredColumnsNotice(['家庭人口数', '性别（由身份证号推导，不导入）'])).toBe(
      '以下 2 列未导入，其数据没有保存：“家庭人口数”、“性别（由身份证号推导，不导入）”。如某列应导入，请管理员在“数据元目录”中为对应数据元添加该列名作为别名，然后重新导入',
    );
    expect(ignoredColumnsNotice(['家庭人口（人）'])).toContain('添加该列名作为别名');
    expect(ignoredColumnsNotice(['性别（由身份证号推导，不导入）'])).toBe(
      '以下 1 列未导入，其数据没有保存：“性别（由身份证号推导，不导入）”',
    );
  });
  it('says once per column how many values were rewritten, with one example', () => {
    expect(normalisedNotices([{ column: '手机号码', count: 37, example: { from: '+86 137 2662 1657', to: '13726621657' } }])).toEqual([
      '手机号码 列 37 个值已规范化，如 +86 137 2662 1657 → 13726621657',
    ]);
  });
});
