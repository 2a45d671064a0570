import { expectError, startTestApp, type TestApp } from './support/harness.js';
import { graphql } from './support/graphql.js';

describe('regions and departments', () => {
  let server: TestApp;
  let token: string;
  beforeAll(async () => {
    server = await startTestApp('regions');
    token = await server.login('cun_420683003200');
  });
  afterAll(() => server.close());

  const SEARCH = graphql(`
    query ($q: String!, $l: Int) {
      searchVillages(query: $q, limit: $l) {
        id
        name
        code
        town {
          name
          code
        }
      }
    }
  `);

  it('finds every 新集村 by initials, by Chinese and by full pinyin, each with its town', async () => {
    const byInitials = (await server.gql(SEARCH, { q: 'xjc', l: 50 }, token)).data!.searchVillages;
    const byName = (await server.gql(SEARCH, { q: '新集', l: 50 }, token)).data!.searchVillages;
    const byPinyin = (await server.gql(SEARCH, { q: 'xinjicun', l: 50 }, token)).data!.searchVillages;
    expect(byInitials.length).toBeGreaterThanOrEqual(2);
    const ids = (value: any[]) => value.map((item) => item.id).sort((left, right) => left - right);
    expect(ids(byName)).toEqual(ids(byInitials));
    expect(ids(byPinyin)).toEqual(ids(byInitials));
    for (const byInitial of byInitials) {
      expect(byInitial.name).toBe('新集村');
      expect(byInitial.town!.name).toMatch(/(镇|街道|管理区)$/);
      expect(byInitial.code.slice(0, 9)).toBe(byInitial.town!.code.slice(0, 9));
    }
    // Same-named villages are told apart by their towns.
    expect(new Set(byInitials.map((byInitial: any) => byInitial.town.name)).size).toBe(byInitials.length);
  });

  it('ranks exact matches before prefixes and substrings', async () => {
    const list = (await server.gql(SEARCH, { q: '王庄村', l: 50 }, token)).data!.searchVillages;
    expect(list.length).toBeGreaterThan(0);
    expect(list[0].name).toBe('王庄村');
    const prefix = (await server.gql(SEARCH, { q: 'wz', l: 50 }, token)).data!.searchVillages;
    const firstNonExact = prefix.findIndex((item: any) => item.name !== '王庄村');
    expect(prefix.slice(0, firstNonExact).every((item: any) => item.name === '王庄村')).toBe(true);
  });

  it('refuses an empty query with a Chinese hint, refuses a limit past the page bound, and caps the list at 50', async () => {
    const gqlError = expectError(await server.gql(SEARCH, { q: '  ' }, token), 'BAD_USER_INPUT');
    expect(gqlError.message).toContain('村名');
    const tooMany = expectError(await server.gql(SEARCH, { q: '村', l: 1000 }, token), 'BAD_USER_INPUT');
    expect(tooMany.message).toContain('200');
    const many = (await server.gql(SEARCH, { q: '村', l: 200 }, token)).data!.searchVillages;
    expect(many.length).toBe(50);
  });

  it('walks the tree: 17 towns with their villages, parents and children batched', async () => {
    const doc = graphql(`
      {
        regions(level: TOWN) {
          name
          code
          parent {
            name
          }
          children {
            id
            name
            code
          }
        }
      }
    `);
    await server.gql(doc, {}, token); // warm the caller and region caches, so both counts compare the list's own SQL
    const { result, queries } = await server.countQueries(() => server.gql(doc, {}, token));
    const towns = result.data!.regions;
    expect(towns).toHaveLength(17);
    expect(towns.map((x: any) => x.name)).toContain('琚湾镇');
    expect(towns.every((x: any) => x.parent.name === '枣阳市')).toBe(true);
    expect(towns.reduce((sum: number, x: any) => sum + x.children.length, 0)).toBe(558);
    // one for the towns, one for all children (parents come from the region cache) — not one per town
    expect(queries).toBeLessThanOrEqual(3);
    const one = await server.countQueries(() =>
      server.gql(
        graphql(`
          query ($parentId: Int) {
            regions(level: TOWN, parentId: $parentId) {
              name
              parent {
                name
              }
              children {
                id
              }
            }
          }
        `),
        { parentId: towns[0].parent ? 1 : 0 },
        token,
      ),
    );
    expect(one.queries).toBe(queries);
  });

  it('region(id) gives NOT_FOUND for an unknown id', async () => {
    expectError(
      await server.gql(
        graphql(`
          {
            region(id: 999999) {
              name
            }
          }
        `),
        {},
        token,
      ),
      'NOT_FOUND',
    );
  });

  it('lists the 66 city departments', async () => {
    const departments = (
      await server.gql(
        graphql(`
          {
            departments {
              code
              name
            }
          }
        `),
        {},
        token,
      )
    ).data!.departments;
    expect(departments).toHaveLength(66);
    expect(departments).toContainEqual({ code: 'mzj', name: '市民政局' });
  });

  it('answers GET /health with the database state, without a token', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: server.engine });
  });
});
