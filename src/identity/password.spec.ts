import { hashPassword, passwordProblems, verifyPassword } from './password.js';

describe('password', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const password = await hashPassword('Zaoyang#2025');
    expect(password.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Zaoyang#2025', password)).toBe(true);
    expect(await verifyPassword('zaoyang#2025', password)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('Same#Pass1')).not.toEqual(await hashPassword('Same#Pass1'));
  });

  it('enforces length and three character classes', () => {
    expect(passwordProblems('Ab1#')).toHaveLength(1);
    expect(passwordProblems('abcdefgh')).toHaveLength(1);
    expect(passwordProblems('abcdefg1')).toHaveLength(1);
    expect(passwordProblems('abcdef1#')).toHaveLength(0);
    expect(passwordProblems('Abcdefg1')).toHaveLength(0);
  });
});
