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
}
