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
    await page.getByRole('link', { name: /overview/i }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
