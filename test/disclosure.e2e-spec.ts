import { expectError, startTestApp, type TestApp } from './support/harness.js';

describe('public disclosure: duty lists and town contacts without log-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('disclosure');
  });
  afterAll(() => t.close());

  const PUBLIC = `{ publicDisclosure { duties { id list groupName name } contacts { townName contactName phone address } } }`;
  const SET = `mutation($t:Int!,$i:TownContactInput!){ setTownContact(townId:$t, input:$i){ townId contactName phone address } }`;

  it('shows every duty list item and one contact row per town to anyone, without a token', async () => {
    const r = await t.gql(PUBLIC);
    expect(r.errors).toBeUndefined();
    const { duties, contacts } = r.data.publicDisclosure;
    const lists = new Set(duties.map((d: any) => d.list));
    expect(lists).toEqual(new Set(['MAIN', 'ASSIST', 'NEGATIVE']));
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM duty_item');
    expect(duties).toHaveLength(Number(n));
    expect(contacts).toHaveLength(17);
    const juwan = contacts.find((c: any) => c.townName === '琚湾镇');
    expect(juwan.phone).toMatch(/^0710-6\d{6}$/);
  });

  it('lets the office publish a town contact, refuses a village, a bad phone and a village cadre', async () => {
    const office = await t.login('jianfuban');
    const towns = (await t.gql(`{ regions(level: TOWN) { id name } }`, {}, office)).data.regions;
    const juwan = towns.find((x: any) => x.name === '琚湾镇');
    const ok = await t.gql(SET, { t: juwan.id, i: { contactName: '马主任', phone: '0710-6123456', address: '琚湾镇政府二楼' } }, office);
    expect(ok.data.setTownContact).toMatchObject({ contactName: '马主任', phone: '0710-6123456' });
    const after = (await t.gql(PUBLIC)).data.publicDisclosure.contacts.find((c: any) => c.townName === '琚湾镇');
    expect(after).toMatchObject({ contactName: '马主任', phone: '0710-6123456', address: '琚湾镇政府二楼' });
    const [audit] = await t.dataSource.query(`SELECT action, object_id AS objectId FROM audit_event WHERE action = 'townContact.set'`);
    expect(audit.objectId).toBe(String(juwan.id));

    const village = (await t.gql(`{ searchVillages(query: "tpc") { id } }`, {}, office)).data.searchVillages[0];
    const notTown = expectError(
      await t.gql(SET, { t: village.id, i: { contactName: '甲', phone: '0710-6123456' } }, office),
      'BAD_USER_INPUT',
    );
    expect(notTown.message).toMatch(/不是镇/);
    const badPhone = expectError(await t.gql(SET, { t: juwan.id, i: { contactName: '甲', phone: 'call me' } }, office), 'BAD_USER_INPUT');
    expect(badPhone.extensions.details?.[0].message).toMatch(/电话/);
    expectError(
      await t.gql(SET, { t: juwan.id, i: { contactName: '甲', phone: '0710-6000000' } }, await t.login('cun_420683003200')),
      'FORBIDDEN',
    );
    expectError(await t.gql(SET, { t: juwan.id, i: { contactName: '甲', phone: '0710-6000000' } }), 'UNAUTHENTICATED');
    // Nothing changed by the refusals.
    const still = (await t.gql(PUBLIC)).data.publicDisclosure.contacts.find((c: any) => c.townName === '琚湾镇');
    expect(still.contactName).toBe('马主任');
  });
});
