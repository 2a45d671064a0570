import { idLikeRuns, maskIdLike, maskIdLikeDeep } from './id-like.js';
import { makeIdNumber, maskIdNumber } from './id-number.js';

describe('maskIdLike', () => {
  const id = makeIdNumber('420683', '19410428', 1);

  it('masks a whole ID number like maskIdNumber, wherever it stands in a text', () => {
    expect(maskIdLike(`表单中没有字段“${id}”`)).toBe(`表单中没有字段“${maskIdNumber(id)}”`);
    expect(maskIdLike(`身份证号${id}不存在`)).toBe(`身份证号${maskIdNumber(id)}不存在`);
    expect(maskIdLike(`${id.slice(0, 17)}x`)).toBe(`${id.slice(0, 6)}********${id.slice(14, 17)}x`);
    expect(maskIdLike('４２０６８３１９４１０４２８０００１')).not.toMatch(/１９４１０４２８/);
    expect(maskIdLike(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)).toBe(maskIdNumber(id));
  });

  it('masks birth-date runs, also impossible ones, and long digit runs that may hide an ID', () => {
    expect(maskIdLike('身份证号中的出生日期 19410230 不是有效日期')).toBe('身份证号中的出生日期 ******** 不是有效日期');
    expect(maskIdLike(`x ${id}${id} y`)).not.toContain('19410428');
  });

  it('leaves what is not ID-like alone: region codes, phones, request ids, masked IDs, hashes', () => {
    for (const text of [
      '土铺村 420683003200',
      '电话 13800138000',
      'req 19410230-ab12-4cde-8f00-123456789abc',
      maskIdNumber(id),
      'hash a19410230b',
      '2025-03-31T16:00:00Z',
      '1765000600000',
    ]) {
      expect(maskIdLike(text)).toBe(text);
      expect(idLikeRuns(text)).toEqual([]);
    }
  });

  it('masks every string of a log object and an error', () => {
    const out = maskIdLikeDeep({ msg: id, nested: [{ key: `k${'_'}${id}` }], err: new Error(`bad ${id}`) }) as { err: { message: string } };
    expect(JSON.stringify(out)).not.toContain(id);
    expect(out.err.message).toBe(`bad ${maskIdNumber(id)}`);
  });
});
