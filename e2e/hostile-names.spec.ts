import type { Locator, Page } from '@playwright/test';
import { DEMO_TIDS, MERCHANT_C } from '@acquirer/data/demo-fixtures';
import { HOSTILE_TEXT, HOSTILE_USER_NAMES } from '@acquirer/data/hostile';
import { DEMO_PASSWORDS, type DemoRole, expect, test } from './fixtures';
import type { MockAcquirer } from './mock-acquirer';
import type { SignInPage } from './pages/sign-in-page';

/**
 * The `hostile` scenario puts markup, bidi controls, zero-width characters and 500-character names in every
 * name.
 */

const WIDTHS = [360, 1280] as const;
const INJECTED = 'img[src="x"], svg[onload], [onerror], [onload], [onmouseover], main script';

interface Visit {
  path: string;
  shows: string[];
}

async function signInOnHostileData(page: Page, role: DemoRole, mock: MockAcquirer, signInPage: SignInPage) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await mock.reset({ scenario: 'hostile' });
  await signInPage.goto();
  await signInPage.signIn(role, DEMO_PASSWORDS[role]);
  await expect(page).not.toHaveURL(/sign-in/);
  return dialogs;
}

async function expectWholeOrTitled(page: Page, text: string) {
  const cut = await page.evaluate((whole) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('main *, header *')) {
      // Inline elements have no box to clip (clientWidth 0); a select's options are drawn by the browser.
      if (element.textContent !== whole || element.children.length > 0) continue;
      if (element.clientWidth === 0 || element.closest('select')) continue;
      const clipped =
        element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
      const style = getComputedStyle(element);
      const hides = style.overflow !== 'visible' || style.textOverflow === 'ellipsis';
      if (clipped && hides && element.closest('[title]')?.getAttribute('title') !== whole) {
        found.push(element.outerHTML.slice(0, 120));
      }
    }
    return found;
  }, text);
  expect.soft(cut, `cut without the whole name in a title: ${text.slice(0, 30)}…`).toEqual([]);
}

/** Long lists render only rows near the screen: scroll as a person would. */
async function scrollUntilRendered(page: Page, locator: Locator) {
  for (let step = 0; step < 15 && (await locator.count()) === 0; step++) {
    await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.8));
    await page.waitForTimeout(200); // the list renders the rows now in view
  }
}

/** Each page once: the layout follows a resize, no reload needed. */
async function visitAll(page: Page, visits: Visit[], dialogs: string[]) {
  for (const visit of visits) {
    await page.setViewportSize({ width: WIDTHS[0], height: 800 });
    await page.goto(visit.path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const width of WIDTHS) {
      const where = `${visit.path} at ${width}px`;
      await page.setViewportSize({ width, height: 800 });
      for (const text of visit.shows) {
        const shown = page.getByText(text, { exact: true }).filter({ visible: true });
        await scrollUntilRendered(page, shown);
        await expect.soft(shown.first(), `${where}: ${text.slice(0, 30)}`).toBeVisible();
        await expectWholeOrTitled(page, text);
      }
      await expect.soft(page.locator(INJECTED), where).toHaveCount(0);
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect.soft(sideways, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
  expect(dialogs).toEqual([]);
}

test.describe('hostile names', { tag: '@mock-only' }, () => {
  // Six pages at two widths, scrolled as far as the names are: more than the default 45 s on a busy machine.
  test.describe.configure({ timeout: 120_000 });
  test('an owner’s pages show hostile merchant, store and user names as text, at 360 and 1280 px', async ({
    page,
    mock,
    signInPage,
  }) => {
    const dialogs = await signInOnHostileData(page, 'owner', mock, signInPage);
    await visitAll(
      page,
      [
        { path: '/', shows: [] },
        { path: '/terminals', shows: [HOSTILE_TEXT.script, HOSTILE_TEXT.zeroWidth, HOSTILE_TEXT.emoji] },
        {
          path: `/terminals/${DEMO_TIDS.custom}`,
          shows: [HOSTILE_TEXT.img, HOSTILE_TEXT.script],
        },
        { path: '/transactions?voidable=all', shows: [HOSTILE_TEXT.script] },
        { path: '/transactions/voids', shows: [] },
        { path: '/audit', shows: [HOSTILE_TEXT.reason] },
      ],
      dialogs,
    );
    await page.getByRole('button', { name: /Account menu for/ }).click();
    await expect(page.getByText(HOSTILE_USER_NAMES.usr_owner!, { exact: true }).last()).toBeVisible();
  });

  test('support’s merchant pages show hostile and 500-character names as text, at 360 and 1280 px', async ({
    page,
    mock,
    signInPage,
  }) => {
    const dialogs = await signInOnHostileData(page, 'support', mock, signInPage);
    await visitAll(
      page,
      [
        {
          path: '/merchants?q=822',
          shows: [HOSTILE_TEXT.img, HOSTILE_TEXT.rtlOverride, HOSTILE_TEXT.longLatin],
        },
        { path: `/merchants/${MERCHANT_C}`, shows: [HOSTILE_TEXT.longLatin, HOSTILE_TEXT.svg] },
        {
          path: `/terminals/${DEMO_TIDS.merchantBCustom}`,
          shows: [HOSTILE_TEXT.rtlOverride, HOSTILE_TEXT.rtlMark],
        },
        { path: `/transactions?voidable=all&merchantId=${MERCHANT_C}`, shows: [HOSTILE_TEXT.svg] },
        { path: '/audit', shows: [] },
      ],
      dialogs,
    );
  });
});
