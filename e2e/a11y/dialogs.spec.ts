import { expect, type Page } from '@playwright/test';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, test } from '../fixtures';
import { message } from './messages';
import {
  type Language,
  scanDialogInEveryLanguageAndWidth,
  scanInEveryLanguageAndWidth,
  switchLanguage,
} from './scan-matrix';

const TIDS = {
  factoryDefault: DEMO_TIDS.defaultPassword,
  custom: DEMO_TIDS.custom,
  locked: DEMO_TIDS.locked,
  offline: DEMO_TIDS.offline,
  openCommand: DEMO_TIDS.openCommand,
  unused: DEMO_TIDS.unused,
};
const NEW_PIN = '907153';

function dialog(page: Page) {
  return page.getByRole('dialog');
}

function dialogButton(page: Page, language: Language, key: string, values?: Record<string, string | number>) {
  return dialog(page).getByRole('button', { name: message(language, key, values), exact: true });
}

function pageButton(page: Page, language: Language, key: string) {
  return page.getByRole('button', { name: message(language, key), exact: true });
}

async function closeWithEscape(page: Page) {
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
}

async function confirmAccountPasswordIfAsked(page: Page, language: Language, password: string) {
  const field = dialog(page).getByLabel(message(language, 'passwords.stepUp.password'));
  const form = dialog(page).locator('form');
  await expect(form.first()).toBeVisible();
  if (!(await field.isVisible())) return;
  await field.fill(password);
  await dialogButton(page, language, 'passwords.stepUp.confirm').click();
  await expect(field).toBeHidden();
}

test.describe(
  'Accessibility of every dialog, in both languages at 1280 and 360 px',
  { tag: '@mock-only' },
  () => {
    // Each test scans 8 to 16 times, about a second each: more than the default 45 s when the machine is busy.
    test.describe.configure({ timeout: 120_000 });

    test('change: refused with field errors, on a locked terminal, with a command waiting', async ({
      page,
      signInAs,
    }) => {
      await signInAs('owner');
      for (const [state, tid] of [
        ['refused with field errors', TIDS.factoryDefault],
        ['locked', TIDS.locked],
        ['command waiting', TIDS.openCommand],
      ] as const) {
        await page.goto(`/terminals/${tid}`);
        await scanDialogInEveryLanguageAndWidth(page, `change dialog, ${state}`, {
          open: async (language) => {
            await pageButton(page, language, 'passwords.actions.change').click();
            await expect(dialog(page)).toBeVisible();
            if (state === 'refused with field errors') {
              await dialogButton(page, language, 'passwords.change.submit').click();
              await expect(dialog(page)).toContainText(
                message(language, 'passwords.fields.current.required'),
              );
            } else if (state === 'locked') {
              await expect(dialogButton(page, language, 'passwords.locked.resetInstead')).toBeVisible();
            } else {
              await expect(dialogButton(page, language, 'passwords.dialog.close')).toBeVisible();
            }
          },
          close: () => closeWithEscape(page),
        });
      }
    });

    test('reset: the step-up refused, the form with errors, the temporary PIN', async ({
      page,
      signInAs,
    }) => {
      await signInAs('owner');
      await page.goto(`/terminals/${TIDS.factoryDefault}`);
      await scanDialogInEveryLanguageAndWidth(page, 'step-up refused', {
        open: async (language) => {
          await pageButton(page, language, 'passwords.actions.reset').click();
          await dialog(page)
            .getByLabel(message(language, 'passwords.stepUp.password'))
            .fill('not-my-password');
          await dialogButton(page, language, 'passwords.stepUp.confirm').click();
          await expect(dialog(page)).toContainText(message(language, 'passwords.stepUp.wrong').slice(0, 6));
        },
        close: () => closeWithEscape(page),
      });
      await scanDialogInEveryLanguageAndWidth(page, 'reset form with field errors', {
        open: async (language) => {
          await pageButton(page, language, 'passwords.actions.reset').click();
          await confirmAccountPasswordIfAsked(page, language, DEMO_PASSWORDS.owner);
          await dialogButton(page, language, 'passwords.reset.submit').click();
          await expect(dialog(page)).toContainText(message(language, 'passwords.fields.confirm.required'));
        },
        close: () => closeWithEscape(page),
      });
      // A temporary PIN is a real reset: one terminal per language.
      const tidOf: Record<Language, string> = { en: TIDS.factoryDefault, 'zh-CN': TIDS.unused };
      await scanDialogInEveryLanguageAndWidth(page, 'temporary PIN', {
        open: async (language) => {
          const tid = tidOf[language];
          await page.goto(`/terminals/${tid}`);
          await pageButton(page, language, 'passwords.actions.reset').click();
          await confirmAccountPasswordIfAsked(page, language, DEMO_PASSWORDS.owner);
          await dialog(page)
            .getByRole('radio', {
              name: new RegExp(`^${message(language, 'passwords.reset.modeTemporary')}`),
            })
            .check();
          await dialogButton(page, language, 'passwords.reset.submit').click();
          await expect(
            dialog(page).getByRole('heading', {
              name: message(language, 'passwords.temporary.title', { tid }),
            }),
          ).toBeFocused();
        },
        close: async (language) => {
          await dialogButton(page, language, 'passwords.temporary.noted').click();
          await expect(dialog(page)).toBeHidden();
        },
      });
    });

    test('support reset: the ticket and reason refused when missing', async ({ page, signInAs }) => {
      await signInAs('support');
      await page.goto(`/terminals/${TIDS.custom}`);
      await scanDialogInEveryLanguageAndWidth(page, 'support reset with ticket errors', {
        open: async (language) => {
          await pageButton(page, language, 'passwords.actions.reset').click();
          await confirmAccountPasswordIfAsked(page, language, DEMO_PASSWORDS.support);
          await dialogButton(page, language, 'passwords.reset.submit').click();
          await expect(
            dialog(page).getByLabel(message(language, 'passwords.ticket.id')),
          ).toHaveAccessibleDescription(message(language, 'passwords.ticket.idRequired'));
        },
        close: () => closeWithEscape(page),
      });
    });

    test('bulk reset: the confirmation, the form with errors, then the job page', async ({
      page,
      signInAs,
    }) => {
      await signInAs('owner');
      await page.goto('/terminals?passwordState=default');
      await page.getByRole('checkbox', { name: 'Select all 4 terminals' }).check();
      const open = async (language: Language) => {
        await pageButton(page, language, 'passwords.bulk.button').click();
        await expect(dialogButton(page, language, 'passwords.bulk.continue')).toBeVisible();
      };
      await scanDialogInEveryLanguageAndWidth(page, 'bulk reset confirmation', {
        open,
        close: () => closeWithEscape(page),
      });
      await scanDialogInEveryLanguageAndWidth(page, 'bulk reset form with field errors', {
        open: async (language) => {
          await open(language);
          await dialogButton(page, language, 'passwords.bulk.continue').click();
          await confirmAccountPasswordIfAsked(page, language, DEMO_PASSWORDS.owner);
          await dialogButton(page, language, 'passwords.bulk.submit', { count: 4, formatted: '4' }).click();
          await expect(dialog(page)).toContainText(message(language, 'passwords.fields.confirm.required'));
        },
        close: () => closeWithEscape(page),
      });

      const language = 'zh-CN';
      await open(language);
      await dialogButton(page, language, 'passwords.bulk.continue').click();
      await dialog(page)
        .getByLabel(message(language, 'passwords.fields.newPin.label'), { exact: true })
        .fill(NEW_PIN);
      await dialog(page)
        .getByLabel(message(language, 'passwords.fields.confirm.label'), { exact: true })
        .fill(NEW_PIN);
      await dialogButton(page, language, 'passwords.bulk.submit', { count: 4, formatted: '4' }).click();
      await scanInEveryLanguageAndWidth(page, 'bulk reset job', async (current) => {
        await expect(
          page.getByRole('heading', { level: 1, name: message(current, 'passwords.job.title') }),
        ).toBeVisible();
        // Of the 4 terminals, the offline one keeps its command waiting: the bar counts what applied.
        await expect(page.getByRole('progressbar')).toHaveAttribute('max', '4');
      });
    });

    test('the idle-timeout warning', async ({ page, mock, signInAs }) => {
      void mock;
      // The warning comes a minute before the 15-minute idle end, by the browser's clock.
      await page.clock.install();
      await signInAs('owner');
      await scanDialogInEveryLanguageAndWidth(page, 'idle-timeout warning', {
        open: async (language) => {
          await page.clock.fastForward('14:10');
          await expect(
            page.getByRole('alertdialog', { name: message(language, 'idle.title') }),
          ).toBeVisible();
          // It starts at "Stay signed in": Enter or Space keeps the session, never ends it.
          await expect(
            page.getByRole('button', { name: message(language, 'idle.stay'), exact: true }),
          ).toBeFocused();
        },
        close: async (language) => {
          await page.getByRole('button', { name: message(language, 'idle.stay'), exact: true }).click();
          await expect(page.getByRole('alertdialog')).toBeHidden();
        },
      });
      await switchLanguage(page, 'en');
    });
  },
);
