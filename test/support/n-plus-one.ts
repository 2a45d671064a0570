import type { GqlResult, TestApp } from './harness.js';

export interface NPlusOneCheck {
  /** A GraphQL document taking `$take: Int` (and any `variables`). */
  query: string;
  token: string;
  variables?: Record<string, unknown>;
  /** The list inside `data` whose length is the page, e.g. `(d) => d.feedbackList.items`. */
  items: (data: any) => unknown[];
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
export async function measureNPlusOne(t: TestApp, check: NPlusOneCheck): Promise<NPlusOneResult> {
  const [smallTake, largeTake] = check.sizes ?? [1, 50];
  const run = async (take: number): Promise<{ items: number; queries: number }> => {
    const { result, queries } = await t.countQueries(() => t.gql(check.query, { ...check.variables, take }, check.token));
    const r = result as GqlResult;
    if (r.errors) throw new Error(`query failed at take=${take}: ${JSON.stringify(r.errors)}`);
    return { items: check.items(r.data).length, queries };
  };
  await run(smallTake);
  const measure = async (take: number) => {
    const a = await run(take);
    const b = await run(take);
    return { take, items: a.items, queries: Math.min(a.queries, b.queries) };
  };
  const small = await measure(smallTake);
  const large = await measure(largeTake);
  if (small.items !== smallTake) throw new Error(`page of ${smallTake} returned ${small.items} items`);
  if (large.items <= small.items)
    throw new Error(`the large page (${largeTake}) returned ${large.items} items, not more than the small one: seed more data`);
  return { small, large };
}
