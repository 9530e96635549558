import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/api/client';
import * as alertApi from '@contract/endpoints/alerts';
import { stepUpHolder } from '@/features/passwords/api/step-up';
import { mockCookies } from '@/mocks/node';
import { advanceMockClock, apiUrl, http, problem, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderApp, renderSignedIn, travelInTime } from '@/testing/render-app';
import type { Session } from './api/session';

setupMockAcquirer();

const MINUTE = 60_000;

function cachedQueryKeys(app: Awaited<ReturnType<typeof renderApp>>) {
  return app.queryClient
    .getQueryCache()
    .getAll()
    .map((query) => query.queryKey);
}

async function openUserMenu(app: Awaited<ReturnType<typeof renderApp>>) {
  await app.user.click(screen.getByRole('button', { name: /Account menu for/ }));
}

describe('The session', () => {
  it('is restored on reload: a skeleton while checking, then the page without signing in again', async () => {
    const first = await renderSignedIn('owner');
    first.unmount();

    const app = await renderApp({ route: '/terminals' });
    expect(screen.getByRole('status')).toHaveTextContent(/Checking your session|Loading/);
    expect(await screen.findByRole('heading', { level: 1, name: 'Terminals' })).toBeInTheDocument();
    expect(app.url()).toBe('/terminals');
  });

  it('sign-out ends it on the server and here, and the next visit asks to sign in', async () => {
    const app = await renderSignedIn('owner');
    await openUserMenu(app);
    expect(screen.getByText('Merchant owner')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have signed out.');
    expect(app.url()).toBe('/sign-in');
    expect(mockCookies()).toEqual({});
    expect(cachedQueryKeys(app)).toEqual([['session', 'current']]);

    app.unmount();
    const next = await renderApp({ route: '/' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(next.url()).toBe('/sign-in');
  });

  it('a 401 on any call clears the cache and goes to sign-in, keeping where the user was', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    app.queryClient.setQueryData(['terminals', 'list'], { items: ['cached for this user'] });
    stepUpHolder.hold('usr_owner', 'held-step-up-token');
    // Under load a signed-in page can render once more after the session ended, before the
    // guard takes over, and put its query back: that one must go as well.
    const renderedOnceMore = app.queryClient.getQueryCache().subscribe((event) => {
      const session = event.query.state.data as Session | undefined;
      if (
        event.type === 'updated' &&
        event.query.queryKey[0] === 'session' &&
        session?.status === 'signed-out'
      )
        app.queryClient.setQueryData(['terminals', 'list'], { items: ['rendered once more'] });
    });
    server.use(http.get(apiUrl('/alerts'), () => problem(401, 'auth.unauthenticated')));

    await act(async () => {
      await apiClient.call(alertApi.alerts).catch(() => undefined);
    });
    renderedOnceMore();

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Please sign in again.');
    expect(app.url()).toBe('/sign-in?returnTo=%2Fterminals');
    expect(cachedQueryKeys(app)).toEqual([['session', 'current']]);
    expect(
      JSON.stringify(
        app.queryClient
          .getQueryCache()
          .getAll()
          .map((q) => q.state.data),
      ),
    ).not.toMatch(/cached for this user|rendered once more/);
    expect(stepUpHolder.get('usr_owner')).toBeNull();
  });

  it('after 15 idle minutes the server ends it, and the next page says why', async () => {
    const app = await renderSignedIn('owner');
    advanceMockClock(16 * MINUTE);
    await app.user.click(screen.getByRole('link', { name: 'Terminals' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Your session ended after 15 minutes without activity. Please sign in again.',
    );
    expect(app.url()).toBe('/sign-in?returnTo=%2Fterminals');

    await app.user.type(screen.getByLabelText('Username'), 'owner');
    await app.user.type(screen.getByLabelText('Password'), 'owner-demo-1');
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Terminals' })).toBeInTheDocument();
  });

  it('warns a minute before the idle timeout; "Stay signed in" extends the session', async () => {
    const app = await renderSignedIn('owner');

    travelInTime(14 * MINUTE + 5_000);
    const dialog = await screen.findByRole(
      'alertdialog',
      { name: 'Are you still there?' },
      { timeout: 3000 },
    );
    expect(dialog).toHaveTextContent(/You will be signed out in (5\d|60) s/);

    await app.user.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());

    // Without the extension the session would be over by now; it is not.
    travelInTime(5 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await app.user.click(screen.getByRole('link', { name: 'Transactions' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Transactions' })).toBeInTheDocument();
  });

  it('"Sign out" in the idle warning signs out', async () => {
    const app = await renderSignedIn('cashier');
    travelInTime(14 * MINUTE + 10_000);
    const dialog = await screen.findByRole(
      'alertdialog',
      { name: 'Are you still there?' },
      { timeout: 3000 },
    );
    await app.user.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have signed out.');
    expect(mockCookies()).toEqual({});
  });

  it('when the idle deadline passes, goes to sign-in by itself with the reason', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    travelInTime(15 * MINUTE + 2_000);
    // The deadline is checked once a second; then the server is asked once more.
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }, { timeout: 4000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/15 minutes without activity/);
    expect(app.url()).toBe('/sign-in?returnTo=%2Ftransactions');
    expect(cachedQueryKeys(app)).toEqual([['session', 'current']]);
  });

  it('keeps the CSRF token and the password out of the cache, storage and URL', async () => {
    const setCsrfToken = vi.spyOn(apiClient, 'setCsrfToken');
    const app = await renderSignedIn('owner', { route: '/terminals' });
    const token = setCsrfToken.mock.calls.map(([value]) => value).find((value) => typeof value === 'string');
    expect(token).toBeTruthy();

    const cached = JSON.stringify([
      app.queryClient
        .getQueryCache()
        .getAll()
        .map((query) => [query.queryKey, query.state]),
      app.queryClient
        .getMutationCache()
        .getAll()
        .map((mutation) => [mutation.options.mutationKey, mutation.state]),
    ]);
    const storage = JSON.stringify([{ ...localStorage }, { ...sessionStorage }]);
    for (const secret of [token as string, 'owner-demo-1']) {
      expect(cached).not.toContain(secret);
      expect(storage).not.toContain(secret);
      expect(app.url()).not.toContain(secret);
      expect(JSON.stringify(app.router.state)).not.toContain(secret);
    }
    expect(cached).toContain('王建国');
  });
});
