import { expect, test } from './fixtures';

test.describe('The shell', () => {
  test('navigation follows the role: a cashier has no audit, support has merchants', async ({
    page,
    signInAs,
    shell,
  }) => {
    await signInAs('cashier');
    await expect(shell.navLink('Terminals')).toBeVisible();
    await expect(shell.navLink('Audit')).toHaveCount(0);
    await expect(shell.navLink('Merchants')).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/not allowed/i);

    await shell.signOut();
    await signInAs('support');
    await expect(shell.navLink('Merchants')).toBeVisible();
    await expect(shell.navLink('Audit')).toBeVisible();
  });

  test('switching to Chinese changes the interface and is remembered', async ({ page, signInAs, shell }) => {
    await signInAs('owner');
    await shell.openUserMenu();
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
  });

  test('an unknown address shows a not-found page with a way home', async ({ page, signInAs }) => {
    await signInAs('owner');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
    await page.getByRole('link', { name: 'Go to overview' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('Addresses people type', () => {
  test('/login leads to sign-in, and an unknown page keeps the navigation when signed in', async ({
    page,
    mock,
    signInAs,
    shell,
  }) => {
    void mock;
    await page.goto('/login');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    await signInAs('owner');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(shell.navLink('Terminals')).toBeVisible();
  });

  test('the page has a favicon the server answers, within the security policy', async ({ page, mock }) => {
    void mock;
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const icon = page.waitForResponse((r) => new URL(r.url()).pathname === '/favicon.svg');
    await page.goto('/sign-in');
    const answer = await icon;
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
    expect(problems.filter((text) => /favicon|Content Security Policy/i.test(text))).toEqual([]);
  });
});
