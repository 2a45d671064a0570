import { RequestContext } from '../src/common/request-context.js';
import { TransactionService } from '../src/common/transaction.service.js';
import { DataElement } from '../src/catalog/data-element.entity.js';
import { Region } from '../src/regions/region.entity.js';
import { CurrentFact, Fact, FactSource } from '../src/records/fact.entity.js';
import { FactsService, type FactInput } from '../src/records/facts.service.js';
import { startTestApp, type TestApp } from './support/harness.js';

// writeFacts is the write path other modules call (import, accepted submissions): its rules are
// checked here on the real database, through the service the other modules use.
describe('records: writeFacts keeps history and current values', () => {
  let server: TestApp;
  let facts: FactsService;
  let tx: TransactionService;
  let pop: number;
  let village: number;
  const ctx = RequestContext.system();
  beforeAll(async () => {
    server = await startTestApp('facts');
    facts = server.app.get(FactsService);
    tx = server.app.get(TransactionService);
    pop = (await server.dataSource.getRepository(DataElement).findOneByOrFail({ code: 'village.resident_population' })).id;
    village = (await server.dataSource.getRepository(Region).findOneByOrFail({ code: '420683003200' })).id;
  });
  afterAll(() => server.close());

  const makeFactInput = (value: unknown, asOf: string, ref = 'test'): FactInput => ({
    subjectType: 'VILLAGE',
    subjectId: village,
    elementId: pop,
    value,
    asOf,
    source: FactSource.ADMIN,
    sourceRef: ref,
  });
  const current = () =>
    server.dataSource.getRepository(CurrentFact).findOneByOrFail({ subjectType: 'VILLAGE', subjectId: village, elementId: pop });
  const history = () => server.dataSource.getRepository(Fact).countBy({ subjectType: 'VILLAGE', subjectId: village, elementId: pop });

  it('appends, canonicalises, and an older as-of never overwrites a newer one', async () => {
    const r1 = await tx.run((em) => facts.writeFacts(em, ctx, [makeFactInput('1,200', '2024-12-31')]));
    expect(r1).toMatchObject({ added: 1, unchanged: 0, currentChanged: 1 });
    expect(await current()).toMatchObject({ value: '1200', asOf: '2024-12-31' });
    const r2 = await tx.run((em) => facts.writeFacts(em, ctx, [makeFactInput('1100', '2023-12-31')]));
    expect(r2).toMatchObject({ added: 1, currentChanged: 0 });
    expect(await current()).toMatchObject({ value: '1200', asOf: '2024-12-31' });
    expect(await history()).toBe(2);
  });

  it('equal dates: the later write wins; exact duplicates are not written again', async () => {
    await tx.run((em) => facts.writeFacts(em, ctx, [makeFactInput('1250', '2024-12-31', 'later')]));
    expect(await current()).toMatchObject({ value: '1250', sourceRef: 'later' });
    const again = await tx.run((em) =>
      facts.writeFacts(em, ctx, [makeFactInput('1250', '2024-12-31', 'later'), makeFactInput('1100', '2023-12-31')]),
    );
    expect(again).toMatchObject({ added: 0, unchanged: 2 });
    expect(await history()).toBe(3);
    expect(await current()).toMatchObject({ value: '1250' });
    // A correction back to the first value on the same date is a later write: it wins, and is kept in the history.
    const back = await tx.run((em) => facts.writeFacts(em, ctx, [makeFactInput('1200', '2024-12-31', 'back')]));
    expect(back).toMatchObject({ added: 1, unchanged: 0, currentChanged: 1 });
    expect(await current()).toMatchObject({ value: '1200', sourceRef: 'back' });
    expect(await history()).toBe(4);
  });

  it('refuses an invalid value with the field and writes nothing of the batch', async () => {
    const before = await history();
    await expect(
      tx.run((em) => facts.writeFacts(em, ctx, [makeFactInput('1300', '2025-06-30'), makeFactInput('很多', '2025-06-30')])),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', details: [{ field: 'facts[1].value' }] },
    });
    expect(await history()).toBe(before);
    expect(await current()).toMatchObject({ value: '1200' });
  });
});
