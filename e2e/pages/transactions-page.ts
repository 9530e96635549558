import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class TransactionsPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly exportButton: Locator;
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', {
      name: onScreen('transactions.search.label', { prefix: true }),
    });
    this.table = page.getByRole('table', {
      name: onScreen(['transactions.list.voidable', 'transactions.list.all']),
    });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
    this.exportButton = page.getByRole('button', { name: onScreen('csvExport.button') });
    this.dialog = page.getByRole('dialog');
  }

  async goto(search = '') {
    await this.page.goto(`/transactions${search}`);
    await expect(this.heading).toBeVisible();
  }

  async find(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  tab(name: string | RegExp) {
    return this.page
      .getByRole('navigation', { name: onScreen('transactions.tabs.label') })
      .getByRole('link', { name });
  }

  row(traceNo: string) {
    return this.rows.filter({ hasText: traceNo });
  }

  details(traceNo: string) {
    return this.row(traceNo).getByRole('button', {
      name: onScreen(['transactions.detailsOfSale', 'transactions.detailsOfVoid'], { values: { traceNo } }),
    });
  }

  steps() {
    return this.dialog
      .getByRole('region', { name: onScreen('transactions.howTo.title') })
      .getByRole('listitem');
  }
}

export class VoidsPage {
  readonly heading: Locator;
  readonly period: Locator;
  readonly bursts: Locator;
  readonly byOperator: Locator;
  readonly byTerminal: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.period = page.getByLabel(onScreen('voids.period.label'));
    this.bursts = page.getByRole('region', { name: /bursts? of voids|集中撤销/ });
    this.byOperator = page.getByRole('region', { name: onScreen('voids.byOperator.title') });
    this.byTerminal = page.getByRole('region', { name: onScreen('voids.byTerminal.title') });
    this.table = page.getByRole('table', { name: onScreen('voids.list.title') });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
  }

  async goto(search = '') {
    await this.page.goto(`/transactions/voids${search}`);
    await expect(this.heading).toBeVisible();
  }
}
