// GraphiQL, bundled (no CDN). The server serves this page only outside production.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';

const token = localStorage.getItem('onetable.token');
const fetcher = async (params: unknown) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params),
  });
  return res.json();
};

const defaultQuery = `# 一表通 GraphQL 调试台。已自动带上浏览器中登录用户的令牌（如已登录）。
{
  me { username displayName role }
}
`;
// The server answers introspection only to a signed-in caller: without a token, say so instead of an empty explorer.
if (token) createRoot(document.getElementById('explorer')!).render(createElement(GraphiQL, { fetcher, defaultQuery }));
else
  document.getElementById('explorer')!.innerHTML =
    '<p style="padding:2em;font-size:16px">GraphQL 调试台需要先登录：请在 <a href="/">一表通首页</a> 登录后，再打开 /explorer。</p>';
