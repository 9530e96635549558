import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../fixtures';

export type Language = 'en' | 'zh-CN';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

export const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
] as const;

export async function switchLanguage(page: Page, language: Language): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) === language) return;
  await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(language);
  await expect(html).toHaveAttribute('lang', language);
}

function countScan(): void {
  const info = test.info();
  const counter = info.annotations.find((annotation) => annotation.type === 'axe scans');
  if (counter) counter.description = String(Number(counter.description) + 1);
  else info.annotations.push({ type: 'axe scans', description: '1' });
}

async function scan(
  page: Page,
  name: string,
  language: Language,
  width: number,
  include?: string,
): Promise<void> {
  await expectNoSeriousA11yViolations(page, `${name} (${language}, ${width}px)`, include ? { include } : {});
  countScan();
}

/** Without leaving the page: the language switch and the viewport change keep the page and its data. */
export async function scanInEveryLanguageAndWidth(
  page: Page,
  name: string,
  ready: (language: Language) => Promise<void>,
): Promise<void> {
  for (const language of LANGUAGES) {
    await switchLanguage(page, language);
    for (const viewport of WIDTHS) {
      await page.setViewportSize(viewport);
      await ready(language);
      await scan(page, name, language, viewport.width);
      await expectNoSidewaysScrolling(page, `${name} (${language}, ${viewport.width}px)`);
    }
  }
  await page.setViewportSize(WIDTHS[0]);
}

/** Reflow (WCAG 1.4.10), which axe does not check. */
async function expectNoSidewaysScrolling(page: Page, context: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `sideways scrolling on ${context}`).toBeLessThanOrEqual(0);
}

/** The page behind a modal is inert (its language select too): the dialog is opened once per language. */
export async function scanDialogInEveryLanguageAndWidth(
  page: Page,
  name: string,
  steps: {
    open: (language: Language) => Promise<void>;
    close: (language: Language) => Promise<void>;
  },
): Promise<void> {
  for (const language of LANGUAGES) {
    await page.setViewportSize(WIDTHS[0]);
    await switchLanguage(page, language);
    await steps.open(language);
    for (const viewport of WIDTHS) {
      await page.setViewportSize(viewport);
      await expect(page.getByRole('dialog').or(page.getByRole('alertdialog'))).toBeVisible();
      await scan(page, name, language, viewport.width, 'dialog[open]');
      await expectDialogFits(page, `${name} (${language}, ${viewport.width}px)`);
    }
    await steps.close(language);
  }
  await page.setViewportSize(WIDTHS[0]);
}

async function expectDialogFits(page: Page, context: string): Promise<void> {
  const spill = await page.evaluate(() => {
    const dialog = document.querySelector('dialog[open]');
    if (!dialog) return null;
    const box = dialog.getBoundingClientRect();
    return {
      outside: Math.max(0, -box.left, box.right - document.documentElement.clientWidth),
      inside: dialog.scrollWidth - dialog.clientWidth,
    };
  });
  expect(spill, `the dialog spills sideways on ${context}`).toEqual({ outside: 0, inside: 0 });
}
