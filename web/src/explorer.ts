// GraphiQL, bundled (no CDN). The server serves this page only outside production.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';

// The browser's session cookie (httpOnly) goes with these same-origin requests: signed in on the site, signed in here.
const fetcher = async (params: unknown) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
};

const defaultQuery = `# 一表通 GraphQL 调试台。已自动使用浏览器中的登录（如已登录）。
{
  me { username displayName role }
}
`;
// The server answers introspection only to a signed-in caller: without a session, say so instead of an empty explorer.
void fetcher({ query: '{ me { id } }' })
  .then((answer: { data?: { me?: unknown } }) => !!answer.data?.me)
  .catch(() => false)
  .then((signedIn) => {
    if (signedIn) createRoot(document.getElementById('explorer')!).render(createElement(GraphiQL, { fetcher, defaultQuery }));
    else
      document.getElementById('explorer')!.innerHTML =
        '<p style="padding:2em;font-size:16px">GraphQL 调试台需要先登录：请在 <a href="/">一表通首页</a> 登录后，再打开 /explorer。</p>';
  });
