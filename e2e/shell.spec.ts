import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

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

test.describe('Accessibility', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    test(`every page has no serious axe violation at ${viewport.width}px`, async ({
      page,
      mock,
      signInPage,
      signInAs,
      shell,
    }) => {
      void mock;
      await page.setViewportSize(viewport);
      await signInPage.goto();
      await expectNoSeriousA11yViolations(page, 'sign-in');
      await signInAs('support');
      for (const [path, name] of [
        ['/', 'overview'],
        ['/terminals', 'terminals'],
        ['/transactions', 'transactions'],
        ['/audit', 'audit'],
        ['/merchants', 'merchants'],
        ['/no-such-page', 'not found'],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectNoSeriousA11yViolations(page, `${name} at ${viewport.width}px`);
      }
      await shell.openNavIfCollapsed();
      await expectNoSeriousA11yViolations(page, `open navigation at ${viewport.width}px`);
    });
  }
});
