import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router.js';
import { whenUnauthenticated } from './lib/api.js';
import './style.css';

whenUnauthenticated(() => {
  if (router.currentRoute.value.name !== 'login') router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath, expired: '1' } });
});

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app');
