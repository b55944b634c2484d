import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';

/**
 * The console's routes, each page its own chunk (`lazy`): the sign-in page and 待办 load only what
 * they use. `handle.crumb` names a page in the breadcrumb.
 */
export interface RouteHandle {
  crumb?: string;
}

const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

// No server rendering: nothing to show while the first lazy route loads.
const HydrateFallback = () => null;

export const routes: RouteObject[] = [
  { path: '/signin', HydrateFallback, ...page(() => import('./pages/SignInPage.tsx')) },
  // 统一身份认证 (OIDC): the issuer sends the browser back here (auth/oidcSignIn.ts).
  { path: '/signin/callback', HydrateFallback, ...page(() => import('./pages/SignInCallbackPage.tsx')) },
  {
    path: '/',
    HydrateFallback,
    ...page(() => import('./shell/AppShell.tsx')),
    children: [
      { index: true, handle: { crumb: '待办' }, ...page(() => import('./pages/WorkPage.tsx')) },
      { path: 'work', handle: { crumb: '待办' }, ...page(() => import('./pages/WorkPage.tsx')) },
      {
        path: 'transfers',
        handle: { crumb: '移送' },
        children: [
          { index: true, ...page(() => import('./pages/TransfersPage.tsx')) },
          { path: ':id', handle: { crumb: '移送详情' }, ...page(() => import('./pages/TransferPage.tsx')) },
        ],
      },
      {
        path: 'cases',
        handle: { crumb: '案件' },
        children: [
          { index: true, ...page(() => import('./pages/CasesPage.tsx')) },
          { path: ':id', handle: { crumb: '案件详情' }, ...page(() => import('./pages/CasePage.tsx')) },
        ],
      },
      { path: 'operations', handle: { crumb: '专项整治' }, ...page(() => import('./pages/OperationsPage.tsx')) },
      { path: 'oversight', handle: { crumb: '监督' }, ...page(() => import('./pages/OversightPage.tsx')) },
      { path: '*', handle: { crumb: '页面不存在' }, ...page(() => import('./pages/NotFoundPage.tsx')) },
    ],
  },
];

export const router = createBrowserRouter(routes);
