import { platformMonth } from '../../src/common/platform-time.js';
import { RequestContext } from '../../src/common/request-context.js';
import { UsersService } from '../../src/identity/users.service.js';
import { InsightsService } from '../../src/insights/insights.service.js';
import type { TestApp } from './harness.js';

/** The platform months (YYYY-MM) of this month and the `count - 1` before it. */
function monthsBack(count: number): string[] {
  const [year, month] = platformMonth(new Date()).split('-').map(Number);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 - i, 1)).toISOString().slice(0, 7));
}

/**
 * For each caller (by token; city, town or department — a village always reads its own rows): the
 * dashboards read from the rollups give exactly what the same dashboards counted straight from the
 * assignment and submission tables give.
 */
export async function expectRollupsMatchRaw(server: TestApp, tokens: Record<string, string>, year: number): Promise<void> {
  const insights = server.app.get(InsightsService);
  const users = server.app.get(UsersService);
  for (const [who, token] of Object.entries(tokens)) {
    const auth = await users.authenticate(token);
    if (!('user' in auth)) throw new Error(`${who}: ${auth.problem}`);
    const ctx = RequestContext.system(auth.user);
    const both = async <T>(what: string, fn: (source: 'raw' | 'rollup') => Promise<T>) => {
      const [raw, rollup] = [await fn('raw'), await fn('rollup')];
      expect({ who, what, value: rollup }).toEqual({ who, what, value: raw });
      return raw;
    };
    await both('overview', (text) => insights.overview(ctx, text));
    await both('trends', (text) => insights.trends(ctx, 13, text));
    await both('burdenRanking', (text) => insights.burdenRanking(ctx, year, 200, undefined, text));
    await both('townProgress', (text) => insights.townProgress(ctx, year, text));
  }
  await expectOrderRollupsMatchRaw(server, tokens);
}

/** The same for the work orders' dashboard (orderBurden), for any caller — a village's too. */
export async function expectOrderRollupsMatchRaw(server: TestApp, tokens: Record<string, string>): Promise<void> {
  const insights = server.app.get(InsightsService);
  const users = server.app.get(UsersService);
  for (const [who, token] of Object.entries(tokens)) {
    const auth = await users.authenticate(token);
    if (!('user' in auth)) throw new Error(`${who}: ${auth.problem}`);
    const ctx = RequestContext.system(auth.user);
    for (const month of [undefined, ...monthsBack(3)]) {
      const what = `orderBurden ${month ?? ''}`;
      const raw = await insights.orderBurden(ctx, { months: 3, month, limit: 200 }, 'raw');
      const rollup = await insights.orderBurden(ctx, { months: 3, month, limit: 200 }, 'rollup');
      expect({ who, what, value: rollup }).toEqual({ who, what, value: raw });
    }
  }
}
