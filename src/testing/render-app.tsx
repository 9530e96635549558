import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { createMemoryRouter } from 'react-router';
import { expect, vi } from 'vitest';
import { apiClient } from '@/api/client';
import { App } from '@/app/app';
import type { AppConfig } from '@/app/app-config';
import { createQueryClient } from '@/app/query-client';
import { createAppRoutes } from '@/app/router';
import type { DemoAccount } from '@/features/auth/demo-account';
import { idleClock } from '@/features/auth/idle-clock';
import { changeLanguage, i18n } from '@/i18n/i18n';
import type { Language } from '@/i18n/languages';
import { DEMO_PASSWORDS } from '@acquirer/data/demo-fixtures';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'owner', password: DEMO_PASSWORDS.owner, role: 'owner', description: 'Merchant owner' },
  { username: 'cashier', password: DEMO_PASSWORDS.cashier, role: 'cashier', description: 'Cashier' },
  { username: 'support', password: DEMO_PASSWORDS.support, role: 'support', description: 'Support agent' },
];

export type DemoRole = 'owner' | 'cashier' | 'support';

export interface RenderAppOptions {
  route?: string;
  /** The "Mock data" badge and the demo accounts on sign-in. */
  mocking?: boolean;
  demoAccounts?: DemoAccount[];
  language?: Language;
}

export function resetAppState(): void {
  apiClient.setCsrfToken(null);
  idleClock.reset();
  localStorage.clear();
  sessionStorage.clear();
}

// The real app on a memory router; requests reach the mock acquirer through msw/node.
export async function renderApp(options: RenderAppOptions = {}) {
  resetAppState();
  await act(() => changeLanguage(options.language ?? 'en'));
  const config: AppConfig = {
    mocking: options.mocking ?? true,
    demoAccounts: options.demoAccounts ?? (options.mocking === false ? [] : DEMO_ACCOUNTS),
  };
  const queryClient = createQueryClient({ retryDelay: 0 });
  const router = createMemoryRouter(createAppRoutes(config), { initialEntries: [options.route ?? '/'] });
  const user = userEvent.setup();
  const view = render(<App config={config} queryClient={queryClient} router={router} />);
  return {
    ...view,
    user,
    router,
    queryClient,
    url: () => {
      const { pathname, search, hash } = router.state.location;
      return `${pathname}${search}${hash}`;
    },
  };
}

export type RenderedApp = Awaited<ReturnType<typeof renderApp>>;

export async function submitSignIn(app: RenderedApp, username: string, password: string): Promise<void> {
  const usernameField = await screen.findByLabelText('Username');
  await app.user.clear(usernameField);
  await app.user.type(usernameField, username);
  const passwordField = screen.getByLabelText('Password');
  await app.user.clear(passwordField);
  if (password) await app.user.type(passwordField, password);
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
}

export async function renderSignedIn(
  role: DemoRole,
  options: Omit<RenderAppOptions, 'route'> & { route?: string } = {},
) {
  const target = options.route ?? '/';
  const app = await renderApp({ ...options, route: target });
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  await submitSignIn(app, account.username, account.password);
  await screen.findByRole('navigation', { name: i18n._('nav.label') });
  await waitFor(() => expect(app.url()).toBe(target));
  return app;
}

/** The app and the mock acquirer both read Date.now(); timers keep running in real time. */
export function travelInTime(ms: number): void {
  const offset = ms + (Date.now() - realNow());
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
}

const realNow = Date.now.bind(Date);
