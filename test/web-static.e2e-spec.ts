import { ensureWebBuilt } from './support/browser.js';
import { startTestApp, type TestApp } from './support/harness.js';
import { print } from 'graphql';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('sends a script brotli-compressed to a browser that accepts it, gzip to one that takes only gzip, plain otherwise', async () => {
    const html = await (await fetch(`${dev.url}/`, { headers: { accept: 'text/html' } })).text();
    const script = /src="(\/assets\/main-[^"]+\.js)"/.exec(html)![1];
    const plain = await fetch(`${dev.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plainBody.toString('utf8', 0, 200)).toMatch(/import|function|const|var/);

    const got = async (acceptEncoding: string) => {
      const res = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
        // node:http, not fetch: fetch would inflate the body and hide what travelled.
        get(`${dev.url}${script}`, { headers: { 'accept-encoding': acceptEncoding } }, (reply) => {
          const chunks: Buffer[] = [];
          reply.on('data', (chunk: Buffer) => chunks.push(chunk));
          reply.on('end', () => done({ headers: reply.headers, body: Buffer.concat(chunks) }));
        }).on('error', fail);
      });
      return res;
    };
    const br = await got('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plainBody.length / 2);
    expect(brotliDecompressSync(br.body).equals(plainBody)).toBe(true);

    const gz = await got('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plainBody)).toBe(true);

    const css = /href="(\/assets\/main-[^"]+\.css)"/.exec(html)![1];
    const cssBr = await fetch(`${dev.url}${css}`, { headers: { 'accept-encoding': 'br' } });
    expect(cssBr.headers.get('content-encoding')).toBe('br');
    expect(cssBr.headers.get('content-type')).toMatch(/text\/css/);
    // Pages are revalidated on every visit, so a new build is seen at once.
    expect((await fetch(`${dev.url}/login`, { headers: { accept: 'text/html' } })).headers.get('cache-control')).toBe('no-cache');
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
