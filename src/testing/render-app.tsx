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
import { DEMO_PASSWORDS } from '@/mocks/sim/data/demo-fixtures';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'owner', password: DEMO_PASSWORDS.owner, role: 'owner', description: 'Merchant owner' },
  { username: 'cashier', password: DEMO_PASSWORDS.cashier, role: 'cashier', description: 'Cashier' },
  { username: 'support', password: DEMO_PASSWORDS.support, role: 'support', description: 'Support agent' },
];

export type DemoRole = 'owner' | 'cashier' | 'support';

export interface RenderAppOptions {
  /** Initial URL (path, query, hash). Default "/". */
  route?: string;
  /** Mock mode UI: the "Mock data" badge and the demo accounts on sign-in. Default true. */
  mocking?: boolean;
  demoAccounts?: DemoAccount[];
  /** Interface language. Default "en". */
  language?: Language;
}

/** Forgets what a previous test left in the page's singletons and storage. */
export function resetAppState(): void {
  apiClient.setCsrfToken(null);
  idleClock.reset();
  localStorage.clear();
  sessionStorage.clear();
}

/**
 * Renders the real app (real routes, providers, query client defaults but no retry delay)
 * on a memory router at `route`. Requests go wherever fetch goes: in tests, the mock
 * acquirer through msw/node (see ./mock-server.ts).
 */
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
    /** Current path + query + hash of the memory router. */
    url: () => {
      const { pathname, search, hash } = router.state.location;
      return `${pathname}${search}${hash}`;
    },
  };
}

export type RenderedApp = Awaited<ReturnType<typeof renderApp>>;

/** Fills and submits the sign-in form (the app must be on /sign-in). */
export async function submitSignIn(app: RenderedApp, username: string, password: string): Promise<void> {
  const usernameField = await screen.findByLabelText('Username');
  await app.user.clear(usernameField);
  await app.user.type(usernameField, username);
  const passwordField = screen.getByLabelText('Password');
  await app.user.clear(passwordField);
  if (password) await app.user.type(passwordField, password);
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
}

/** Opens the app at `route`, signs in as a demo user and waits for the shell. */
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

/**
 * Moves the clock of the whole test world — the app and the mock acquirer both read
 * Date.now() — by `ms`, from now on. Timers keep running in real time.
 */
export function travelInTime(ms: number): void {
  const offset = ms + (Date.now() - realNow());
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
}

const realNow = Date.now.bind(Date);
