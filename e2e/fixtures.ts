import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORDS } from '@acquirer/data/demo-fixtures';
import { startWorkerAcquirer } from './acquirer-server';
import { type AcquirerBackend, MockAcquirer } from './mock-acquirer';
import { AppShell } from './pages/app-shell';
import { SignInPage } from './pages/sign-in-page';

export type DemoRole = 'owner' | 'cashier' | 'support';
export { DEMO_PASSWORDS };

interface WorkerOptions {
  backend: AcquirerBackend;
  acquirerStaticDir: string | null;
}

interface WorkerFixtures {
  acquirerServer: { url: string } | null;
}

interface Fixtures {
  diagnoseFailure: void;
  mock: MockAcquirer;
  signInPage: SignInPage;
  shell: AppShell;
  signInAs: (role: DemoRole) => Promise<void>;
}

export const test = base.extend<Fixtures, WorkerOptions & WorkerFixtures>({
  backend: ['mock', { option: true, scope: 'worker' }],
  acquirerStaticDir: [null, { option: true, scope: 'worker' }],
  acquirerServer: [
    async ({ backend, acquirerStaticDir }, use) => {
      if (backend !== 'http' || !acquirerStaticDir) return use(null);
      const server = await startWorkerAcquirer(acquirerStaticDir);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ baseURL, acquirerServer }, use) => use(acquirerServer?.url ?? baseURL),
  // A failure in CI shows only the assertion: say what the page showed then (never a field's value).
  diagnoseFailure: [
    async ({ page }, use, testInfo) => {
      const apiAnswers: string[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith('/api/') && !url.pathname.startsWith('/__mock/')) return;
        const from = response.fromServiceWorker() ? 'worker' : 'network';
        apiAnswers.push(`${response.status()} ${url.pathname} (${from})`);
      });
      await use();
      if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
      const seen = await page
        .evaluate(() => ({
          readyState: document.readyState,
          controlled: navigator.serviceWorker?.controller != null,
          headings: [...document.querySelectorAll('h1, h2')].map((h) => h.textContent?.trim()).slice(0, 6),
          alerts: [...document.querySelectorAll('[role=alert], [role=status]')]
            // A status may show a temporary PIN: a 6-digit run is masked (TIDs have 8).
            .map((a) => a.textContent?.trim().replace(/(?<!\d)\d{6}(?!\d)/g, '******'))
            .filter(Boolean)
            .slice(0, 6),
          marks: performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}ms`),
        }))
        .catch((error: unknown) => ({ error: String(error) }));
      console.log(
        `[diagnosis] ${testInfo.title}\n  url: ${page.url()}\n  page: ${JSON.stringify(seen)}\n  last API answers: ${apiAnswers.slice(-12).join(', ')}`,
      );
    },
    { auto: true },
  ],
  mock: async ({ page, backend }, use) => {
    const mock = new MockAcquirer(page, backend);
    // Every test starts from the same deterministic data and a clean fault list.
    await mock.reset({ scenario: 'demo' });
    await use(mock);
  },
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  shell: async ({ page }, use) => use(new AppShell(page)),
  signInAs: async ({ page, mock, signInPage, shell }, use) => {
    void mock; // ensure the mock is reset before signing in
    await use(async (role) => {
      await signInPage.goto();
      await signInPage.signIn(role, DEMO_PASSWORDS[role]);
      // The user menu is there at every width; the nav may be collapsed on a phone.
      await expect(shell.userMenuButton).toBeVisible();
      await expect(page).not.toHaveURL(/sign-in/);
    });
  },
});

/** `include`: e.g. `dialog[open]` when the inert page behind a modal was scanned already. */
export async function expectNoSeriousA11yViolations(
  page: Page,
  context?: string,
  { include }: { include?: string } = {},
) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe violations${context ? ` on ${context}` : ''}`).toEqual([]);
}

export { expect };
