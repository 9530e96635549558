import { expect, type Locator, type Page } from '@playwright/test';

function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '(page)';
    const name = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 40);
    return `${element.tagName.toLowerCase()} "${name}"`;
  });
}

/** For stretches where each stop does not matter; inside dialogs the walks assert every stop. */
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

/** Text inside a live region that was in the page before its text changed: what a screen reader announces. */
export function announcement(scope: Page | Locator, text: string | RegExp): Locator {
  return scope
    .locator('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]')
    .filter({ hasText: text });
}
