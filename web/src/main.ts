import { createApp } from 'vue';
// Element Plus components come per page (vite.config.ts); the message and confirmation boxes are called from scripts, so their CSS is here.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import App from './App.vue';
import { router } from './router.js';
import { ApiError, gqlQuery, whenEnrolmentRequired, whenPasswordChangeRequired, whenUnauthenticated } from './lib/api.js';
import { auth } from './lib/auth.js';
import { setTimeZone } from './lib/labels.js';
import { graphql } from './graphql.js';
import { ElMessage } from 'element-plus';
import './style.css';

whenUnauthenticated(() => {
  if (router.currentRoute.value.name !== 'login')
    router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath, expired: '1' } });
});

whenEnrolmentRequired(() => {
  if (router.currentRoute.value.name !== 'account') router.push({ name: 'account' });
});

whenPasswordChangeRequired(() => {
  if (auth.me && !auth.me.passwordChangeRequired) auth.me = { ...auth.me, passwordChangeRequired: 'MUST_CHANGE' };
  if (router.currentRoute.value.name !== 'account') router.push({ name: 'account' });
});

// A failed load that a page did not handle still tells the user, in Chinese, what went wrong.
window.addEventListener('unhandledrejection', (event) => {
  const err = event.reason;
  if (err instanceof ApiError) {
    event.preventDefault();
    if (err.code !== 'UNAUTHENTICATED' && err.code !== 'PASSWORD_CHANGE_REQUIRED') ElMessage.error(err.message);
  } else if (err === 'cancel' || err === 'close') event.preventDefault(); // a dismissed confirmation box
});

const app = createApp(App);
// Async lifecycle hooks reject into Vue, not the window.
app.config.errorHandler = (err) => {
  if (err instanceof ApiError) {
    if (err.code !== 'UNAUTHENTICATED' && err.code !== 'PASSWORD_CHANGE_REQUIRED') ElMessage.error(err.message);
  } else if (err !== 'cancel' && err !== 'close') {
    console.error(err);
    ElMessage.error('页面出错，请刷新后重试');
  }
};
// Times are shown in the platform's zone: read it before the first page draws one (China if the server does not answer).
const TimeZoneQuery = graphql(`
  {
    timeZone
  }
`);
gqlQuery(TimeZoneQuery)
  .then((data) => setTimeZone(data.timeZone))
  .catch(() => undefined)
  .finally(() => app.use(router).mount('#app'));
