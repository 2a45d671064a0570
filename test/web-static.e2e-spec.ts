import { ensureWebBuilt } from './support/browser.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { print } from 'graphql';
import { graphql } from './support/graphql.js';

describe('the server serves the built web workspace', () => {
  let dev: TestApp;
  let prod: TestApp;
  beforeAll(async () => {
    ensureWebBuilt();
    dev = await startTestApp('web-static', { demo: false });
    prod = await startTestApp('web-static-prod', { demo: false, env: { NODE_ENV: 'production' } });
  }, 180_000);
  afterAll(async () => {
    await dev?.close();
    await prod?.close();
  });

  it('answers / and every client-side route with the app, and its assets from the same server', async () => {
    for (const path of ['/', '/login', '/assignments', '/villages/12', '/public']) {
      const res = await fetch(`${dev.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<div id="app"></div>');
      expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
      const asset = await fetch(`${dev.url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    }
  });

  it('leaves GraphQL, /health and /api to the server', async () => {
    const gql = await fetch(`${dev.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: print(
          graphql(`
            {
              __typename
            }
          `),
        ),
      }),
    });
    expect(await gql.json()).toEqual({ data: { __typename: 'Query' } });
    expect(((await (await fetch(`${dev.url}/health`)).json()) as any).status).toBe('ok');
    const api = await fetch(`${dev.url}/api/nothing-here`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.text()).not.toContain('<div id="app">');
    const missingAsset = await fetch(`${dev.url}/assets/missing.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('serves the GraphQL explorer in development only', async () => {
    const res = await fetch(`${dev.url}/explorer`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="explorer"');
    const response = await fetch(`${prod.url}/explorer`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/生产环境/);
    expect((await fetch(`${prod.url}/explorer.html`)).status).toBe(404);
    expect((await fetch(`${prod.url}/`)).status).toBe(200);
  });
});
