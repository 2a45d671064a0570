import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { auth, ROLE_NAMES, type Role } from './lib/auth.js';
import { keysOf } from './lib/labels.js';

/** Every role in the schema (ROLE_NAMES is typed by the schema's Role, so it lists them all). */
const ALL: Role[] = keysOf(ROLE_NAMES);
/** 三员分立: the security administrator and the auditor see no village data. */
const WORKERS: Role[] = ALL.filter((role) => role !== 'AUDITOR' && role !== 'SECURITY_ADMIN');

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    roles?: Role[];
    /** Shown in the side menu under this group. */
    menu?: string;
    public?: boolean;
  }
}

export const appRoutes: RouteRecordRaw[] = [
  { path: '', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { title: '首页', roles: ALL, menu: '工作台' } },
  {
    path: 'messages',
    name: 'messages',
    component: () => import('./pages/MessagesPage.vue'),
    meta: { title: '消息', roles: ALL, menu: '工作台' },
  },
  // 征求意见: departments ask, towns and villages answer.
  {
    path: 'consultations',
    name: 'consultations',
    component: () => import('./pages/ConsultationsPage.vue'),
    meta: { title: '征求意见', roles: ['DEPARTMENT_STAFF', 'TOWN_STAFF', 'VILLAGE_CADRE'], menu: '工作台' },
  },
  {
    path: 'consultations/:id(\\d+)',
    name: 'consultation',
    component: () => import('./pages/ConsultationPage.vue'),
    meta: { title: '征求意见', roles: ['DEPARTMENT_STAFF', 'TOWN_STAFF', 'VILLAGE_CADRE', 'OFFICE_REVIEWER'] },
  },
  // Village cadre
  {
    path: 'assignments',
    name: 'assignments',
    component: () => import('./pages/AssignmentsPage.vue'),
    meta: { title: '我的报表', roles: ['VILLAGE_CADRE'], menu: '填报' },
  },
  {
    path: 'assignments/:id(\\d+)',
    name: 'fill',
    component: () => import('./pages/FillPage.vue'),
    meta: { title: '填报', roles: ['VILLAGE_CADRE', 'TOWN_STAFF', 'DEPARTMENT_STAFF', 'OFFICE_REVIEWER'] },
  },
  // Department
  {
    path: 'forms',
    name: 'forms',
    component: () => import('./pages/FormsPage.vue'),
    meta: { title: '表单设计', roles: ['DEPARTMENT_STAFF'], menu: '报表准入' },
  },
  {
    path: 'forms/new',
    name: 'form-new',
    component: () => import('./pages/FormDesignerPage.vue'),
    meta: { title: '新建表单', roles: ['DEPARTMENT_STAFF'] },
  },
  {
    path: 'forms/:id(\\d+)',
    name: 'form-edit',
    component: () => import('./pages/FormDesignerPage.vue'),
    meta: { title: '表单', roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER'] },
  },
  {
    path: 'admission',
    name: 'admission',
    component: () => import('./pages/ReviewsPage.vue'),
    meta: { title: '准入申请', roles: ['DEPARTMENT_STAFF'], menu: '报表准入' },
  },
  {
    path: 'tasks/:id(\\d+)',
    name: 'task',
    component: () => import('./pages/TaskDetailPage.vue'),
    meta: { title: '任务进度', roles: ['DEPARTMENT_STAFF', 'TOWN_STAFF', 'OFFICE_REVIEWER'] },
  },
  {
    path: 'tasks',
    name: 'tasks',
    component: () => import('./pages/TasksPage.vue'),
    meta: { title: '下发与进度', roles: ['DEPARTMENT_STAFF', 'TOWN_STAFF', 'OFFICE_REVIEWER'], menu: '报表准入' },
  },
  // Work orders (派单, issue 19): one list page per role's step, one page per order with each role's action.
  {
    path: 'orders',
    name: 'orders',
    component: () => import('./pages/WorkOrdersPage.vue'),
    meta: { title: '派单申请', roles: ['DEPARTMENT_STAFF'], menu: '工作派单' },
  },
  {
    path: 'orders/new',
    name: 'order-new',
    component: () => import('./pages/WorkOrderNewPage.vue'),
    meta: { title: '新建派单', roles: ['DEPARTMENT_STAFF'] },
  },
  {
    path: 'orders/:id(\\d+)/edit',
    name: 'order-edit',
    component: () => import('./pages/WorkOrderNewPage.vue'),
    meta: { title: '修改派单', roles: ['DEPARTMENT_STAFF'] },
  },
  {
    path: 'orders/:id(\\d+)',
    name: 'order',
    component: () => import('./pages/WorkOrderPage.vue'),
    meta: { title: '派单', roles: ['DEPARTMENT_STAFF', 'OFFICE_REVIEWER', 'TOWN_STAFF', 'VILLAGE_CADRE'] },
  },
  {
    path: 'order-reviews',
    name: 'order-reviews',
    component: () => import('./pages/WorkOrdersPage.vue'),
    meta: { title: '派单审核', roles: ['OFFICE_REVIEWER'], menu: '减负办' },
  },
  {
    path: 'order-dispatch',
    name: 'order-dispatch',
    component: () => import('./pages/WorkOrdersPage.vue'),
    meta: { title: '派单派发', roles: ['TOWN_STAFF'], menu: '镇(街道)' },
  },
  {
    path: 'my-orders',
    name: 'my-orders',
    component: () => import('./pages/WorkOrdersPage.vue'),
    meta: { title: '我的派单', roles: ['VILLAGE_CADRE'], menu: '填报' },
  },
  // Office
  {
    path: 'reviews',
    name: 'reviews',
    component: () => import('./pages/ReviewsPage.vue'),
    meta: { title: '准入审核', roles: ['OFFICE_REVIEWER'], menu: '减负办' },
  },
  {
    path: 'feedback',
    name: 'feedback',
    component: () => import('./pages/FeedbackPage.vue'),
    meta: { title: '投诉与监测点反馈', roles: ['OFFICE_REVIEWER'], menu: '减负办' },
  },
  {
    path: 'my-feedback',
    name: 'my-feedback',
    component: () => import('./pages/FeedbackPage.vue'),
    meta: { title: '我的反馈', roles: ['VILLAGE_CADRE', 'TOWN_STAFF'], menu: '反馈' },
  },
  // Town
  {
    path: 'submissions',
    name: 'submissions',
    component: () => import('./pages/AssignmentsPage.vue'),
    meta: { title: '村报表审核', roles: ['TOWN_STAFF'], menu: '镇(街道)' },
  },
  // Everyone who works with data
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('./pages/DashboardPage.vue'),
    meta: { title: '一屏观全域', roles: ['VIEWER', 'OFFICE_REVIEWER', 'ADMIN', 'DEPARTMENT_STAFF', 'TOWN_STAFF'], menu: '数据' },
  },
  {
    path: 'order-burden',
    name: 'order-burden',
    component: () => import('./pages/OrderBurdenPage.vue'),
    meta: { title: '本村派单负担', roles: ['VILLAGE_CADRE'], menu: '数据' },
  },
  {
    path: 'villages',
    name: 'villages',
    component: () => import('./pages/VillagesPage.vue'),
    meta: { title: '村(社区)查询', roles: WORKERS, menu: '数据' },
  },
  {
    path: 'villages/:id',
    name: 'village',
    component: () => import('./pages/VillageProfilePage.vue'),
    meta: { title: '村档案', roles: WORKERS },
  },
  {
    path: 'catalog',
    name: 'catalog',
    component: () => import('./pages/CatalogPage.vue'),
    meta: { title: '数据元目录', roles: WORKERS, menu: '数据' },
  },
  // Admin / auditor
  {
    path: 'contacts',
    name: 'contacts',
    component: () => import('./pages/ContactsPage.vue'),
    meta: { title: '政务公开维护', roles: ['ADMIN', 'OFFICE_REVIEWER'], menu: '公开' },
  },
  {
    path: 'public-lists',
    name: 'public-lists',
    component: () => import('./pages/PublicListsPage.vue'),
    meta: { title: '公开清单维护', roles: ['OFFICE_REVIEWER'], menu: '公开' },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('./pages/UsersPage.vue'),
    meta: { title: '用户管理', roles: ['SECURITY_ADMIN'], menu: '安全' },
  },
  {
    path: 'sessions',
    name: 'sessions',
    component: () => import('./pages/SessionsPage.vue'),
    meta: { title: '会话与服务令牌', roles: ['SECURITY_ADMIN'], menu: '安全' },
  },
  {
    path: 'imports',
    name: 'imports',
    component: () => import('./pages/ImportsPage.vue'),
    meta: { title: '历史数据导入', roles: ['ADMIN'], menu: '系统' },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('./pages/AuditPage.vue'),
    meta: { title: '审计日志', roles: ['AUDITOR'], menu: '审计' },
  },
  { path: 'account', name: 'account', component: () => import('./pages/AccountPage.vue'), meta: { title: '我的账号', roles: ALL } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { title: '登录', public: true } },
    { path: '/public', name: 'public', component: () => import('./pages/PublicPage.vue'), meta: { title: '政务公开', public: true } },
    { path: '/', component: () => import('./components/AppLayout.vue'), children: appRoutes },
    {
      path: '/:rest(.*)*',
      name: 'not-found',
      component: () => import('./pages/NotFoundPage.vue'),
      meta: { title: '页面不存在', public: true },
    },
  ],
});

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!auth.me) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  // A reset, first or expired password: nothing else until it is changed (the server refuses the rest anyway).
  if (auth.me.passwordChangeRequired && to.name !== 'account') return { name: 'account' };
  const roles = to.meta.roles;
  if (roles && !roles.includes(auth.me.role)) return { name: 'home' };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 一表通` : '一表通';
});
