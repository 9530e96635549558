import { expect, type Locator, type Page } from '@playwright/test';

/** The focused element in a few words (tag and name), for failure messages. */
function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '(page)';
    const name = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 40);
    return `${element.tagName.toLowerCase()} "${name}"`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, at most `max` times, and fails
 * with the path the focus took otherwise. For the stretches of a walk where each stop does
 * not matter (the header and navigation before a page's main control); inside dialogs the
 * walks assert every stop.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { max = 30, backwards = false }: { max?: number; backwards?: boolean } = {},
): Promise<void> {
  await expect(target).toBeVisible();
  const path: string[] = [];
  for (let presses = 0; presses <= max; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    path.push(await focusedElement(page));
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  expect(path, `the focus did not reach the target in ${max} presses`).toEqual([]);
}

/**
 * What a screen reader announces: text inside a live region (role status or alert, or
 * aria-live), which is in the page before its text changes.
 */
export function announcement(scope: Page | Locator, text: string | RegExp): Locator {
  return scope
    .locator('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]')
    .filter({ hasText: text });
}
