import { labelSimilarity, rankByLabel } from './similarity.js';

describe('label similarity (character bigrams, Dice)', () => {
  it('is 1 for labels equal after normalising width and punctuation, 0 for unrelated ones', () => {
    expect(labelSimilarity('户籍人口（人）', '户籍人口(人)')).toBe(1);
    expect(labelSimilarity('ＡＢ', 'ab')).toBe(1);
    expect(labelSimilarity('耕地面积', '党员人数')).toBe(0);
    expect(labelSimilarity('', '党员人数')).toBe(0);
  });

  it('scores partial overlaps between 0 and 1', () => {
    const similarity = labelSimilarity('常住人口数', '常住人口');
    expect(similarity).toBeGreaterThan(0.5);
    expect(similarity).toBeLessThan(1);
  });

  const catalogue = [
    { id: 1, name: '户籍人口' },
    { id: 2, name: '常住人口' },
    { id: 3, name: '耕地面积' },
    { id: 4, name: '60岁以上老人数' },
    { id: 5, name: '党员人数' },
  ];

  it('ranks the closest element first and leaves out unrelated ones', () => {
    const result = rankByLabel('本村户籍人口数', catalogue);
    expect(result[0].item.name).toBe('户籍人口');
    expect(result.map((x) => x.item.name)).not.toContain('耕地面积');
    expect(rankByLabel('６０岁以上老人数：', catalogue)[0]).toEqual({ item: catalogue[3], score: 1 });
    expect(rankByLabel('60岁以上老人数（人）', catalogue)[0].item.id).toBe(4);
  });

  it('returns nothing for a label like no element, and honours the limit', () => {
    expect(rankByLabel('村干部签名', catalogue)).toEqual([]);
    expect(rankByLabel('人口', catalogue, 1)).toHaveLength(1);
  });
});
