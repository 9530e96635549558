import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { apiUrl, http, HttpResponse, problem, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderApp, renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

function navLinks() {
  const nav = screen.getByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('The shell', () => {
  it('shows an owner every area but merchants', async () => {
    await renderSignedIn('owner');
    expect(navLinks()).toEqual(['Overview', 'Terminals', 'Transactions', 'Audit']);
  });

  it('hides audit from a cashier, whose /audit is a "not allowed" page', async () => {
    const app = await renderSignedIn('cashier');
    expect(navLinks()).toEqual(['Overview', 'Terminals', 'Transactions']);

    await app.router.navigate('/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    // Set by an effect after the page renders.
    await waitFor(() => expect(document.title).toBe('Not allowed · Merchant Console'));
    await app.router.navigate('/merchants');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
  });

  it('shows support merchants and audit', async () => {
    const app = await renderSignedIn('support');
    expect(navLinks()).toEqual(['Overview', 'Terminals', 'Transactions', 'Audit', 'Merchants']);
    await app.user.click(screen.getByRole('link', { name: 'Merchants' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Merchants' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Merchants' })).toHaveAttribute('aria-current', 'page');
  });

  it('has a user menu with name, role and merchant ID', async () => {
    const app = await renderSignedIn('owner');
    const button = screen.getByRole('button', { name: 'Account menu for 王建国' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await app.user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    // The menu panel has no role of its own: aria-controls is what names it.
    // eslint-disable-next-line testing-library/no-node-access
    const panel = document.getElementById(button.getAttribute('aria-controls') ?? '');
    expect(panel).toBeVisible();
    expect(panel).toHaveTextContent('Merchant owner');
    expect(panel).toHaveTextContent(/Merchant ID\s*\d{15}/);
    await app.user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('marks mock mode with a visible badge, and a skip link leads to the content', async () => {
    await renderSignedIn('owner');
    expect(screen.getByText('Mock data')).toBeVisible();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveAttribute('href', '#main-content');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('collapses the navigation behind a menu button on narrow screens', async () => {
    const app = await renderSignedIn('owner');
    const toggle = screen.getByRole('button', { name: 'Menu' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(toggle).toHaveAttribute('aria-controls', nav.id);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await app.user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await app.user.click(within(nav).getByRole('link', { name: 'Terminals' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Terminals' })).toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('folds the phone navigation away on Escape, focus back on its button', async () => {
    const app = await renderSignedIn('owner');
    const toggle = screen.getByRole('button', { name: 'Menu' });
    await app.user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    within(nav).getByRole('link', { name: 'Terminals' }).focus();
    await app.user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });

  it('switches language: texts, <html lang> and the remembered choice change', async () => {
    const app = await renderSignedIn('owner');
    expect(document.documentElement.lang).toBe('en');
    await app.user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');

    expect(await screen.findByRole('heading', { level: 1, name: '概览' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: '主导航' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '王建国 的账户菜单' })).toBeInTheDocument();
    expect(screen.getByLabelText('语言')).toHaveValue('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    // Set by an effect after the page renders.
    await waitFor(() => expect(document.title).toBe('概览 · 商户管理台'));
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(Object.keys(localStorage)).toEqual([LANGUAGE_STORAGE_KEY]);

    await app.user.selectOptions(screen.getByLabelText('语言'), 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('shows the sign-in page in Chinese too', async () => {
    await renderApp({ route: '/sign-in', language: 'zh-CN' });
    expect(await screen.findByRole('heading', { level: 1, name: '登录' })).toBeInTheDocument();
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '演示账号' })).toBeInTheDocument();
  });

  it('shows the risk alerts on the overview', async () => {
    await renderSignedIn('owner');
    const alerts = await screen.findByRole('region', { name: 'Risk alerts' });
    await waitFor(() => expect(within(alerts).getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(alerts).toHaveTextContent(/factory void password|locked|voids|not changed|offline/);
  });
});

describe('Pages that are not there', () => {
  it('an unknown address shows "not found" with a link to the overview', async () => {
    const app = await renderSignedIn('owner');
    await app.router.navigate('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    // Set by an effect after the page renders.
    await waitFor(() => expect(document.title).toBe('Page not found · Merchant Console'));
    await app.user.click(screen.getByRole('link', { name: 'Go to overview' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(app.url()).toBe('/');
  });

  it('an unknown address keeps the shell’s navigation when signed in', async () => {
    const app = await renderSignedIn('owner');
    await app.router.navigate('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(navLinks()).toEqual(['Overview', 'Terminals', 'Transactions', 'Audit']);
    expect(screen.getByRole('button', { name: 'Account menu for 王建国' })).toBeVisible();
  });

  it('an unknown address needs no sign-in to say so', async () => {
    await renderApp({ route: '/nothing/here' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it.each(['/login', '/signin', '/log-in', '/Login'])(
    '%s, an address people type, leads to sign-in',
    async (route) => {
      const app = await renderApp({ route });
      expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
      expect(app.url()).toBe('/sign-in');
    },
  );
});

describe('When a page fails', () => {
  it('a server error shows "Something went wrong" inside the shell, without any server text', async () => {
    server.use(
      http.get(apiUrl('/alerts'), () =>
        problem(500, 'internal', { detail: 'NullPointerException at secret-host:5432 token=abc123' }),
      ),
    );
    await renderSignedIn('owner');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Something went wrong' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent(
      'The server had a problem. Try again in a moment. Reload the page to try again: your filters and search stay as they are.',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to overview' })).toHaveAttribute('href', '/');
    expect(document.body).not.toHaveTextContent(/NullPointer|secret-host|abc123|at \w+ \(/);
  });

  it('an answer that breaks the contract is an error, not a crash', async () => {
    server.use(http.get(apiUrl('/alerts'), () => HttpResponse.json({ items: 'nope' })));
    await renderSignedIn('owner');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Something went wrong' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent("The server sent an answer we couldn't read.");
  });

  it('after a failure, going back to the overview tries again', async () => {
    let calls = 0;
    server.use(
      http.get(apiUrl('/alerts'), () => {
        calls += 1;
        return problem(503, 'unavailable');
      }),
    );
    const app = await renderSignedIn('owner');
    await screen.findByRole('heading', { level: 1, name: 'Something went wrong' });
    expect(calls).toBe(3); // the first try and two retries
    server.resetHandlers();
    await app.router.navigate('/terminals');
    await screen.findByRole('heading', { level: 1, name: 'Terminals' });
    await app.user.click(screen.getByRole('link', { name: 'Overview' }));
    expect(await screen.findByRole('region', { name: 'Risk alerts' })).toBeInTheDocument();
  });
});
