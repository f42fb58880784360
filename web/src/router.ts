import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuthStore } from './stores/auth.store';

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: 'Sign in' } },
  { path: '/register', name: 'register', component: () => import('./views/RegisterView.vue'), meta: { public: true, title: 'Create account' } },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('./views/ForgotPasswordView.vue'),
    meta: { public: true, title: 'Forgot password' },
  },
  { path: '/reset-password', name: 'reset-password', component: () => import('./views/ResetPasswordView.vue'), meta: { public: true, title: 'New password' } },
  { path: '/verify-email', name: 'verify-email', component: () => import('./views/VerifyEmailView.vue'), meta: { public: true, title: 'Confirm email' } },
  { path: '/', name: 'discover', component: () => import('./views/DiscoverView.vue'), meta: { title: 'Discover groups' } },
  { path: '/groups/new', name: 'group-new', component: () => import('./views/CreateGroupView.vue'), meta: { title: 'New group' } },
  { path: '/groups/:id', name: 'chat', component: () => import('./views/ChatView.vue'), props: true, meta: { title: 'Chat' } },
  // A permalink: the chat opened at one message (a reply in a thread: in the thread panel).
  { path: '/groups/:id/messages/:messageId', name: 'chat-message', component: () => import('./views/ChatView.vue'), props: true, meta: { title: 'Chat' } },
  { path: '/groups/:id/threads/:threadId', name: 'chat-thread', component: () => import('./views/ChatView.vue'), props: true, meta: { title: 'Thread' } },
  { path: '/threads', name: 'threads', component: () => import('./views/ThreadsView.vue'), meta: { title: 'Threads' } },
  { path: '/search', name: 'search', component: () => import('./views/SearchView.vue'), meta: { title: 'Search' } },
  {
    path: '/groups/:id/settings',
    name: 'group-settings',
    component: () => import('./views/GroupSettingsView.vue'),
    props: true,
    meta: { title: 'Group settings' },
  },
  { path: '/invite/:code', name: 'invite', component: () => import('./views/InviteView.vue'), props: true, meta: { title: 'Invite' } },
  { path: '/profile', name: 'profile', component: () => import('./views/ProfileView.vue'), meta: { title: 'Your profile' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: 'Not found' } },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach((to) => {
    const auth = useAuthStore();
    if (!to.meta.public && !auth.signedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
    if ((to.name === 'login' || to.name === 'register') && auth.signedIn) return { name: 'discover' };
    return true;
  });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? 'GroupChat')} · GroupChat`;
  });
  return router;
}
