import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

describe('public disclosure: duty lists and town contacts without log-in', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('disclosure');
  });
  afterAll(() => server.close());

  const PUBLIC = graphql(`
    {
      publicDisclosure {
        duties {
          id
          list
          groupName
          name
        }
        contacts {
          townName
          contactName
          phone
          address
        }
        pageUrl
      }
    }
  `);
  const SET = graphql(`
    mutation ($t: Int!, $i: TownContactInput!) {
      setTownContact(townId: $t, input: $i) {
        townId
        contactName
        phone
        address
      }
    }
  `);

  it('shows every duty list item and one contact row per town to anyone, without a token', async () => {
    const res = await server.gql(PUBLIC);
    expect(res.errors).toBeUndefined();
    const { duties, contacts } = res.data!.publicDisclosure;
    const lists = new Set(duties.map((duty: any) => duty.list));
    expect(lists).toEqual(new Set(['MAIN', 'ASSIST', 'NEGATIVE']));
    const [{ n }] = await server.dataSource.query('SELECT COUNT(*) AS n FROM duty_item');
    expect(duties).toHaveLength(Number(n));
    expect(contacts).toHaveLength(17);
    const juwan = contacts.find((contact: any) => contact.townName === '琚湾镇');
    expect(juwan!.phone).toMatch(/^0710-6\d{6}$/);
    // PUBLIC_URL unset: no public address is known, and the page says so instead of guessing one.
    expect(res.data!.publicDisclosure.pageUrl).toBeNull();
  });

  it('lets the office publish a town contact, refuses a village, a bad phone and a village cadre', async () => {
    const office = await server.login('jianfuban');
    const towns = (
      await server.gql(
        graphql(`
          {
            regions(level: TOWN) {
              id
              name
            }
          }
        `),
        {},
        office,
      )
    ).data!.regions;
    const juwan = towns.find((x: any) => x.name === '琚湾镇');
    const ok = await server.gql(
      SET,
      { t: juwan!.id, i: { contactName: '马主任', phone: '0710-6123456', address: '琚湾镇政府二楼' } },
      office,
    );
    expect(ok.data!.setTownContact).toMatchObject({ contactName: '马主任', phone: '0710-6123456' });
    const after = (await server.gql(PUBLIC)).data!.publicDisclosure.contacts.find((contact: any) => contact.townName === '琚湾镇');
    expect(after).toMatchObject({ contactName: '马主任', phone: '0710-6123456', address: '琚湾镇政府二楼' });
    const [audit] = await server.dataSource.query(`SELECT action, object_id AS objectId FROM audit_event WHERE action = 'townContact.set'`);
    expect(audit.objectId).toBe(String(juwan!.id));

    const village = (
      await server.gql(
        graphql(`
          {
            searchVillages(query: "tpc") {
              id
            }
          }
        `),
        {},
        office,
      )
    ).data!.searchVillages[0];
    const notTown = expectError(
      await server.gql(SET, { t: village.id, i: { contactName: '甲', phone: '0710-6123456' } }, office),
      'BAD_USER_INPUT',
    );
    expect(notTown.message).toMatch(/不是镇/);
    const badPhone = expectError(
      await server.gql(SET, { t: juwan!.id, i: { contactName: '甲', phone: 'call me' } }, office),
      'BAD_USER_INPUT',
    );
    expect(badPhone.extensions.details?.[0].message).toMatch(/电话/);
    expectError(
      await server.gql(SET, { t: juwan!.id, i: { contactName: '甲', phone: '0710-6000000' } }, await server.login('cun_420683003200')),
      'FORBIDDEN',
    );
    expectError(await server.gql(SET, { t: juwan!.id, i: { contactName: '甲', phone: '0710-6000000' } }), 'UNAUTHENTICATED');
    // Nothing changed by the refusals.
    const still = (await server.gql(PUBLIC)).data!.publicDisclosure.contacts.find((contact: any) => contact.townName === '琚湾镇');
    expect(still!.contactName).toBe('马主任');
  });
});

describe('public disclosure: the QR code address comes from PUBLIC_URL', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp('disclosure-public-url', { demo: false, env: { PUBLIC_URL: ' https://ybt.zaoyang.gov.cn/ ' } });
  });
  afterAll(() => server.close());

  it('gives anyone, without a token, the configured address of the public page rather than the one the browser used', async () => {
    const res = await server.gql(
      graphql(`
        {
          publicDisclosure {
            pageUrl
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.publicDisclosure.pageUrl).toBe('https://ybt.zaoyang.gov.cn/public');
    expect(res.data!.publicDisclosure.pageUrl).not.toContain('127.0.0.1');
  });
});
