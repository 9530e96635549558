import type { Locator, Page } from '@playwright/test';
import { EXPORT_TIMEOUT_MS } from '../../src/components/use-csv-export';
import { DEMO_TIDS, DEMO_TRACE_NOS } from '@acquirer/data/demo-fixtures';
import { expect, test } from '../fixtures';
import { TerminalsPage } from '../pages/terminals-page';
import { TransactionsPage } from '../pages/transactions-page';
import { VoidPasswordControls } from '../pages/void-password';
import {
  type FaultName,
  FaultCell,
  type FaultTarget,
  isRetriedByQueries,
  FAULTS,
  READ_ATTEMPTS,
} from './fault-table';

/** 409/412 do not happen on a GET. */
const READ_FAULTS: readonly FaultName[] = ['network', '500', '503', '429', '401', '403', 'hung', 'malformed'];

interface ReadUnderTest {
  name: string;
  target: FaultTarget;
  url: string;
  loaded: (page: Page) => Locator;
  search?: (page: Page) => { field: Locator; value: string };
  act?: (page: Page) => Promise<void>;
}

const FLEET_SEARCH = '5810';
const RETRY_AFTER_MS = 2_000;
const SALE = DEMO_TRACE_NOS.voidableSale;

const READS: readonly ReadUnderTest[] = [
  {
    name: 'fleet list',
    target: { method: 'GET', path: '/terminals' },
    url: `/terminals?passwordState=default&q=${FLEET_SEARCH}`,
    loaded: (page) => new TerminalsPage(page).row(DEMO_TIDS.offline),
    search: (page) => ({ field: new TerminalsPage(page).search, value: FLEET_SEARCH }),
  },
  {
    name: 'terminal page',
    target: { method: 'GET', path: `/terminals/${DEMO_TIDS.custom}` },
    url: `/terminals/${DEMO_TIDS.custom}`,
    loaded: (page) => new VoidPasswordControls(page).terminal.voidPassword.getByText('Custom'),
  },
  {
    name: 'transactions list',
    target: { method: 'GET', path: '/transactions' },
    url: `/transactions?q=${SALE}`,
    loaded: (page) => new TransactionsPage(page).row(SALE),
    search: (page) => ({ field: new TransactionsPage(page).search, value: SALE }),
  },
  {
    name: 'export',
    target: { method: 'GET', path: '/transactions/export' },
    url: `/transactions?q=${SALE}`,
    loaded: (page) => page.getByText(/^Saved transactions-\d{8}\.csv/),
    act: async (page) => {
      const sales = new TransactionsPage(page);
      await expect(sales.row(SALE)).toBeVisible();
      await sales.exportButton.click();
    },
  },
];

function shownBy(fault: FaultName, read: ReadUnderTest): 'notice' | 'error page' {
  // A 5xx or an unreadable answer on a page's first read goes to the route's error page;
  // an export (a click, not a page read) explains every failure beside its button.
  if (read.act) return 'notice';
  return fault === '500' || fault === '503' || fault === 'malformed' ? 'error page' : 'notice';
}

test.describe('Fault matrix: reads', { tag: '@mock-only' }, () => {
  for (const read of READS) {
    for (const fault of READ_FAULTS) {
      test(`${read.name} × ${fault}`, async ({ page }) => {
        const cell = new FaultCell(page, fault);
        const calls = cell.countCalls(read.target);
        const { act } = read;
        if (act) {
          // An export is one call per click, on a page that loaded.
          await cell.signedInAt('owner', read.url);
          await cell.onCall(read.target, () => act(page), { timeoutMs: EXPORT_TIMEOUT_MS });
        } else {
          // A page's read is a query, made as the user lands there from sign-in.
          await cell.openSignIn(read.url);
          await cell.onQuery(read.target, () => cell.signIn('owner'));
        }

        if (fault === '401') {
          await cell.signInAgain('owner', read.url);
          await act?.(page);
          await expect(read.loaded(page)).toBeVisible();
          return;
        }

        if (shownBy(fault, read) === 'error page') {
          await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something went wrong');
          await expect(page.getByRole('main')).toContainText(FAULTS[fault].says);
          await expect(page.getByRole('main')).toContainText(
            'Reload the page to try again: your filters and search stay as they are.',
          );
          await page.getByRole('button', { name: 'Reload' }).click();
        } else {
          const alert = page.getByRole('alert').filter({ hasText: FAULTS[fault].says });
          await expect(alert).toBeVisible();
          const retry = alert.getByRole('button', { name: 'Try again' });
          if (fault === '403') {
            await expect(retry).toHaveCount(0);
            return;
          }
          if (fault === '429') {
            // Not hammered: one call, and "Try again" waits for the Retry-After the acquirer gave.
            await expect(retry).toBeDisabled();
            await cell.passWait(RETRY_AFTER_MS);
            await expect(retry).toBeEnabled();
            expect(calls()).toBe(1);
          }
          await retry.click();
        }
        await expect(read.loaded(page)).toBeVisible();
        await expect(page).toHaveURL(read.url);
        if (read.search) {
          const { field, value } = read.search(page);
          await expect(field).toHaveValue(value);
        }
        if (isRetriedByQueries(fault)) {
          // A query tried three times before the user was told, an export once; then the user's one.
          expect(calls()).toBe(act ? 2 : READ_ATTEMPTS + 1);
        }
      });
    }
  }
});
