import type { TestApp } from './harness.js';
import type { TadaDocumentNode } from './graphql.js';

export interface NPlusOneCheck<R, V extends { take?: number | null }> {
  /** A GraphQL document taking `$take: Int` (and any `variables`). */
  query: TadaDocumentNode<R, V>;
  token: string;
  variables?: Omit<V, 'take'>;
  /** The list inside `data` whose length is the page, e.g. `(d) => d.feedbackList.items`. */
  items: (data: R) => unknown[];
  /** Page sizes to compare; default 1 and 50. */
  sizes?: [number, number];
}

export interface NPlusOneResult {
  small: { take: number; items: number; queries: number };
  large: { take: number; items: number; queries: number };
}

/**
 * Runs one list query at a small and a large page size and counts the SQL statements of each.
 * Each size is measured twice (minimum kept) after a warm-up, so the 5-second auth cache expiring
 * mid-test cannot add a stray statement. Fails unless the large page really returned more items
 * than the small one — otherwise equal counts would prove nothing. Callers assert equality:
 * `expect(r.large.queries).toBe(r.small.queries)`.
 */
export async function measureNPlusOne<R, V extends { take?: number | null }>(
  testApp: TestApp,
  check: NPlusOneCheck<R, V>,
): Promise<NPlusOneResult> {
  const [smallTake, largeTake] = check.sizes ?? [1, 50];
  const run = async (take: number): Promise<{ items: number; queries: number }> => {
    const { result, queries } = await testApp.countQueries(() => testApp.gql(check.query, { ...check.variables, take } as V, check.token));
    if (result.errors || !result.data) throw new Error(`query failed at take=${take}: ${JSON.stringify(result.errors)}`);
    return { items: check.items(result.data).length, queries };
  };
  await run(smallTake);
  const measure = async (take: number) => {
    const first = await run(take);
    const second = await run(take);
    return { take, items: first.items, queries: Math.min(first.queries, second.queries) };
  };
  const small = await measure(smallTake);
  const large = await measure(largeTake);
  if (small.items !== smallTake) throw new Error(`page of ${smallTake} returned ${small.items} items`);
  if (large.items <= small.items)
    throw new Error(`the large page (${largeTake}) returned ${large.items} items, not more than the small one: seed more data`);
  return { small, large };
}
