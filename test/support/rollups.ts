import { RequestContext } from '../../src/common/request-context.js';
import { UsersService } from '../../src/identity/users.service.js';
import { InsightsService } from '../../src/insights/insights.service.js';
import type { TestApp } from './harness.js';

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
    const both = async <T>(what: string, f: (source: 'raw' | 'rollup') => Promise<T>) => {
      const [raw, rollup] = [await f('raw'), await f('rollup')];
      expect({ who, what, value: rollup }).toEqual({ who, what, value: raw });
      return raw;
    };
    await both('overview', (s) => insights.overview(ctx, s));
    await both('trends', (s) => insights.trends(ctx, 13, s));
    await both('burdenRanking', (s) => insights.burdenRanking(ctx, year, 200, undefined, s));
    await both('townProgress', (s) => insights.townProgress(ctx, year, s));
  }
}
