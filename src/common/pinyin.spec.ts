import { pinyinKeys } from './pinyin.js';

describe('pinyinKeys', () => {
  it('gives full pinyin and initials for a village name', () => {
    expect(pinyinKeys('新集村')).toEqual({ pinyin: 'xinjicun', initials: 'xjc' });
    expect(pinyinKeys('琚湾镇')).toEqual({ pinyin: 'juwanzhen', initials: 'jwz' });
  });
});
