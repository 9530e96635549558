import type { ComponentType } from 'react';
import { Navigate, Outlet, type RouteObject, useLocation } from 'react-router';
import { PlainLayout } from '@/components/plain-layout';
import { AppSkeleton } from '@/components/skeleton';
import { paths } from '@/config/paths';
import { useSession } from '@/features/auth/api/use-session';
import { SignedInUserProvider } from '@/features/auth/signed-in-user';
import { withMessages } from '@/i18n/i18n';
import type { Namespace } from '@/i18n/namespaces';
import { NotFoundPage } from '@/pages/not-found-page';
import type { AppConfig } from './app-config';
import { RequireRole, RequireSession } from './guards';
import { actionRoles, areaRoles } from './roles';
import { RootErrorBoundary, RouteErrorBoundary } from './route-error-boundary';

/**
 * Namespaces in full (`shell` too): tests/build/page-messages.test.ts checks them against the chunk's keys.
 */
function lazyPage<M>(
  namespaces: readonly Namespace[],
  load: () => Promise<M>,
  component: (module: M) => ComponentType,
): RouteObject['lazy'] {
  return { Component: async () => component(await withMessages(namespaces, load)) };
}

function ToSignIn() {
  const { search, hash } = useLocation();
  return <Navigate to={`/sign-in${search}${hash}`} replace />;
}

export function createAppRoutes(config: AppConfig): RouteObject[] {
  return [
    {
      id: 'root',
      element: <Outlet />,
      HydrateFallback: AppSkeleton,
      errorElement: <RootErrorBoundary />,
      children: [
        {
          path: paths.signIn.pattern,
          lazy: {
            Component: async () => {
              const { SignInPage } = await withMessages([], () => import('@/pages/sign-in-page'));
              return function SignInRoute() {
                return <SignInPage mocking={config.mocking} demoAccounts={config.demoAccounts} />;
              };
            },
          },
        },
        {
          element: <RequireSession />,
          children: [
            {
              lazy: lazyPage(
                ['shell'],
                () => import('./layout/app-shell'),
                (page) => page.AppShell,
              ),
              children: [
                {
                  errorElement: <RouteErrorBoundary />,
                  children: [
                    {
                      index: true,
                      lazy: lazyPage(
                        ['shell', 'overview', 'alerts'],
                        () => import('@/pages/overview-page'),
                        (page) => page.OverviewPage,
                      ),
                    },
                    {
                      path: paths.terminals.pattern,
                      lazy: lazyPage(
                        ['shell', 'devices'],
                        () => import('@/pages/terminals-page'),
                        (page) => page.TerminalsPage,
                      ),
                    },
                    {
                      path: paths.terminal.pattern,
                      lazy: lazyPage(
                        ['shell', 'devices', 'passwords'],
                        () => import('@/pages/terminal-page'),
                        (page) => page.TerminalPage,
                      ),
                    },
                    {
                      element: <RequireRole allow={actionRoles.manageVoidPasswords} />,
                      children: [
                        {
                          path: paths.bulkResetJob.pattern,
                          lazy: lazyPage(
                            ['shell', 'devices', 'passwords'],
                            () => import('@/pages/bulk-reset-page'),
                            (page) => page.BulkResetPage,
                          ),
                        },
                      ],
                    },
                    {
                      path: paths.transactions.pattern,
                      lazy: lazyPage(
                        ['shell', 'transactions'],
                        () => import('@/pages/transactions-page'),
                        (page) => page.TransactionsPage,
                      ),
                    },
                    {
                      path: paths.voids.pattern,
                      lazy: lazyPage(
                        ['shell', 'transactions'],
                        () => import('@/pages/voids-page'),
                        (page) => page.VoidsPage,
                      ),
                    },
                    {
                      element: <RequireRole allow={areaRoles.audit} />,
                      children: [
                        {
                          path: paths.audit.pattern,
                          lazy: lazyPage(
                            ['shell', 'audit'],
                            () => import('@/pages/audit-page'),
                            (page) => page.AuditPage,
                          ),
                        },
                      ],
                    },
                    {
                      element: <RequireRole allow={areaRoles.merchants} />,
                      children: [
                        {
                          path: paths.merchants.pattern,
                          lazy: lazyPage(
                            ['shell', 'support'],
                            () => import('@/pages/merchants-page'),
                            (page) => page.MerchantsPage,
                          ),
                        },
                        {
                          path: paths.merchant.pattern,
                          lazy: lazyPage(
                            ['shell', 'support', 'devices'],
                            () => import('@/pages/merchant-page'),
                            (page) => page.MerchantPage,
                          ),
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        ...['login', 'log-in', 'signin'].map((path) => ({ path, Component: ToSignIn })),
        {
          // Outside the guard: an unknown address is "not found" for anyone, in the shell for
          // someone signed in, so the navigation is still there.
          path: '*',
          lazy: lazyPage(
            ['shell'],
            () => import('./layout/app-shell'),
            ({ AppShell }) =>
              function NotFoundRoute() {
                const session = useSession();
                if (session.isPending) return <AppSkeleton />;
                if (session.data?.status === 'signed-in') {
                  return (
                    <SignedInUserProvider user={session.data.user}>
                      <AppShell>
                        <NotFoundPage />
                      </AppShell>
                    </SignedInUserProvider>
                  );
                }
                return (
                  <PlainLayout mocking={config.mocking}>
                    <NotFoundPage />
                  </PlainLayout>
                );
              },
          ),
        },
      ],
    },
  ];
}
