import { Outlet, type RouteObject } from 'react-router';
import { PlainLayout } from '@/components/plain-layout';
import { AppSkeleton } from '@/components/skeleton';
import { NotFoundPage } from '@/pages/not-found-page';
import type { AppConfig } from './app-config';
import { RequireRole, RequireSession } from './guards';
import { actionRoles, areaRoles } from './roles';
import { RootErrorBoundary, RouteErrorBoundary } from './route-error-boundary';

/**
 * All routes. Each page is a lazy chunk: the sign-in page loads no code of the signed-in
 * pages, and each of those only its own. The shell's error boundary keeps the header and
 * navigation on screen when a page fails.
 */
export function createAppRoutes(config: AppConfig): RouteObject[] {
  return [
    {
      id: 'root',
      element: <Outlet />,
      HydrateFallback: AppSkeleton,
      errorElement: <RootErrorBoundary />,
      children: [
        {
          path: 'sign-in',
          lazy: {
            Component: async () => {
              const { SignInPage } = await import('@/pages/sign-in-page');
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
              lazy: { Component: async () => (await import('./layout/app-shell')).AppShell },
              children: [
                {
                  errorElement: <RouteErrorBoundary />,
                  children: [
                    {
                      index: true,
                      lazy: { Component: async () => (await import('@/pages/overview-page')).OverviewPage },
                    },
                    {
                      path: 'terminals',
                      lazy: { Component: async () => (await import('@/pages/terminals-page')).TerminalsPage },
                    },
                    {
                      path: 'terminals/:tid',
                      lazy: { Component: async () => (await import('@/pages/terminal-page')).TerminalPage },
                    },
                    {
                      element: <RequireRole allow={actionRoles.manageVoidPasswords} />,
                      children: [
                        {
                          path: 'terminals/bulk-resets/:jobId',
                          lazy: {
                            Component: async () => (await import('@/pages/bulk-reset-page')).BulkResetPage,
                          },
                        },
                      ],
                    },
                    {
                      path: 'transactions',
                      lazy: {
                        Component: async () => (await import('@/pages/transactions-page')).TransactionsPage,
                      },
                    },
                    {
                      path: 'transactions/voids',
                      lazy: { Component: async () => (await import('@/pages/voids-page')).VoidsPage },
                    },
                    {
                      element: <RequireRole allow={areaRoles.audit} />,
                      children: [
                        {
                          path: 'audit',
                          lazy: { Component: async () => (await import('@/pages/audit-page')).AuditPage },
                        },
                      ],
                    },
                    {
                      element: <RequireRole allow={areaRoles.merchants} />,
                      children: [
                        {
                          path: 'merchants',
                          lazy: {
                            Component: async () => (await import('@/pages/merchants-page')).MerchantsPage,
                          },
                        },
                        {
                          path: 'merchants/:mid',
                          lazy: {
                            Component: async () => (await import('@/pages/merchant-page')).MerchantPage,
                          },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          // Outside the shell and the guard: an unknown address is "not found" for anyone.
          path: '*',
          // Small and also used by the error boundary, so not a chunk of its own.
          Component: function NotFoundRoute() {
            return (
              <PlainLayout mocking={config.mocking}>
                <NotFoundPage />
              </PlainLayout>
            );
          },
        },
      ],
    },
  ];
}
