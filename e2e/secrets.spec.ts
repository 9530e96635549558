import { DEMO_PASSWORDS, expect, test } from './fixtures';

test('after signing in, neither the password nor the CSRF token is kept anywhere the browser stores things', async ({
  page,
  mock,
  signInPage,
  shell,
}) => {
  void mock;
  await signInPage.goto();
  const loginResponse = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await signInPage.signIn('owner', DEMO_PASSWORDS.owner);
  const { csrfToken } = (await (await loginResponse).json()) as { csrfToken: string };
  expect(csrfToken.length).toBeGreaterThanOrEqual(16);
  await expect(shell.userMenuButton).toBeVisible();
  await page.reload();
  await expect(shell.userMenuButton).toBeVisible();

  const stored = await page.evaluate(async () => {
    const dump = (s: Storage) => Object.entries(s).map(([k, v]) => `${k}=${v}`);
    const databases = (await indexedDB.databases?.()) ?? [];
    return {
      url: location.href,
      history: JSON.stringify(history.state),
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookies: document.cookie,
      indexedDB: databases.map((d) => d.name),
      cacheStorage: await caches.keys(),
    };
  });
  const everything = JSON.stringify(stored);
  expect(everything).not.toContain(DEMO_PASSWORDS.owner);
  expect(everything).not.toContain(csrfToken);
  expect(stored.indexedDB).toEqual([]);
});
