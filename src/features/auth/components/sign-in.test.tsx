import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiUrl, http, HttpResponse, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderApp, submitSignIn, travelInTime } from '@/testing/render-app';

setupMockAcquirer();

describe('Signing in', () => {
  it('asks for sign-in on a deep link, then lands on the page that was asked for', async () => {
    const app = await renderApp({ route: '/transactions?voidable=true' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(app.url()).toBe('/sign-in?returnTo=%2Ftransactions%3Fvoidable%3Dtrue');

    await submitSignIn(app, 'owner', 'owner-demo-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Transactions' })).toBeInTheDocument();
    expect(app.url()).toBe('/transactions?voidable=true');
    // Set by an effect after the page renders.
    await waitFor(() => expect(document.title).toBe('Transactions · Merchant Console'));
  });

  it('ignores a returnTo that leaves the app', async () => {
    const app = await renderApp({ route: '/sign-in?returnTo=//evil.example/phish' });
    await submitSignIn(app, 'owner', 'owner-demo-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(app.url()).toBe('/');
  });

  it('shows the pending state while the request runs', async () => {
    server.use(
      http.post(apiUrl('/auth/login'), async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return HttpResponse.json({}, { status: 503 });
      }),
    );
    const app = await renderApp({ route: '/sign-in' });
    await submitSignIn(app, 'owner', 'owner-demo-1');
    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
    expect(await screen.findByRole('alert')).toHaveTextContent('The server had a problem');
  });

  it('explains a wrong password with the attempts left, keeps the username and clears the password', async () => {
    const app = await renderApp({ route: '/sign-in' });
    await submitSignIn(app, 'owner', 'not-the-password');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The username or password is wrong.');
    expect(alert).toHaveTextContent(/4 attempts left/);
    expect(screen.getByLabelText('Username')).toHaveValue('owner');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(app.url()).toBe('/sign-in');
  });

  it('leaves no typed password in the query or mutation cache after a failed attempt', async () => {
    const app = await renderApp({ route: '/sign-in' });
    await submitSignIn(app, 'owner', 'typed-secret-42');
    await screen.findByRole('alert');
    await waitFor(() => {
      const cached = JSON.stringify([
        app.queryClient
          .getQueryCache()
          .getAll()
          .map((query) => query.state),
        app.queryClient
          .getMutationCache()
          .getAll()
          .map((mutation) => mutation.state),
      ]);
      expect(cached).not.toContain('typed-secret-42');
    });
    expect(app.url()).not.toContain('typed-secret-42');
  });

  it('after too many attempts shows a live countdown and keeps the button disabled until it ends', async () => {
    const app = await renderApp({ route: '/sign-in' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitSignIn(app, 'cashier', `wrong-${attempt}`);
      await screen.findByRole('alert');
    }
    await submitSignIn(app, 'cashier', 'cashier-demo-1');

    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(/Too many attempts, try again in \d+ s/));
    const first = Number(/in (\d+) s/.exec(alert.textContent ?? '')?.[1]);
    expect(first).toBeGreaterThan(30);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();

    travelInTime(20_000);
    await waitFor(() => {
      const now = Number(/in (\d+) s/.exec(screen.getByRole('alert').textContent ?? '')?.[1]);
      expect(now).toBeLessThanOrEqual(first - 20);
    });
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();

    travelInTime(first * 1000);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled());
    expect(screen.queryByText(/Too many attempts/)).not.toBeInTheDocument();

    await submitSignIn(app, 'cashier', 'cashier-demo-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
  });

  it('on a network error says so, keeps what was typed, and "Try again" resends it', async () => {
    server.use(http.post(apiUrl('/auth/login'), () => HttpResponse.error(), { once: true }));
    const app = await renderApp({ route: '/sign-in' });
    await submitSignIn(app, 'owner', 'owner-demo-1');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not reach the server.');
    expect(screen.getByLabelText('Username')).toHaveValue('owner');

    await app.user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
  });

  it('checks the fields before sending anything', async () => {
    const app = await renderApp({ route: '/sign-in' });
    await app.user.click(await screen.findByRole('button', { name: 'Sign in' }));
    const username = screen.getByLabelText('Username');
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('Enter your username.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(username).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    // Focus goes to the first field to fix; fixing it clears its message as it is typed.
    expect(username).toHaveFocus();
    await app.user.type(username, 'owner');
    expect(username).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('in mock mode lists the demo accounts, marked as demo data; one click fills the form', async () => {
    const app = await renderApp({ route: '/sign-in' });
    const demo = await screen.findByRole('region', { name: 'Demo accounts' });
    expect(demo).toHaveTextContent(/only in the built-in mock acquirer/);
    await app.user.click(within(demo).getByRole('button', { name: /Use cashier/ }));
    expect(screen.getByLabelText('Username')).toHaveValue('cashier');
    expect(screen.getByLabelText('Password')).toHaveValue('cashier-demo-1');
    expect(screen.getByText('Mock data')).toBeInTheDocument();
  });

  it('without mocking shows no demo accounts and no mock badge', async () => {
    await renderApp({ route: '/sign-in', mocking: false });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.queryByRole('region', { name: 'Demo accounts' })).not.toBeInTheDocument();
    expect(screen.queryByText('Mock data')).not.toBeInTheDocument();
    expect(screen.queryByText(/owner-demo-1/)).not.toBeInTheDocument();
  });
});
