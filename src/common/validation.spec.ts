import { getMetadataStorage } from 'class-validator';
import { createValidationPipe } from './validation.js';

describe('validation pipe', () => {
  it('validates synchronously, which is only right while no rule is asynchronous', async () => {
    await import('../app.module.js'); // every module, and so every input class and its rules
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, { async?: boolean; type?: string }[]>;
      constraintMetadatas: Map<unknown, { async?: boolean }[]>;
    };
    const rules = [...storage.validationMetadatas.values()].flat();
    expect(rules.length).toBeGreaterThan(20);
    const constraints = [...storage.constraintMetadatas.values()].flat();
    expect(constraints.filter((constraint) => constraint.async)).toEqual([]);
    expect(rules.filter((rule) => rule.async || rule.type === 'promiseValidation')).toEqual([]);
  });

  it('still answers BAD_USER_INPUT with a Chinese message per field', async () => {
    const { VillageRefInput } = await import('../filling/autofill.types.js');
    const pipe = createValidationPipe();
    await expect(pipe.transform({ id: 'x' }, { type: 'body', metatype: VillageRefInput })).rejects.toMatchObject({
      message: expect.stringContaining('id 必须是整数'),
    });
    await expect(pipe.transform({ id: 3 }, { type: 'body', metatype: VillageRefInput })).resolves.toBeInstanceOf(VillageRefInput);
  });
});
