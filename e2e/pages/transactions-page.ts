import { expect, type Locator, type Page } from '@playwright/test';

/** The sales list, `/transactions` ("voidable now" by default, `?voidable=all` for every transaction). */
export class TransactionsPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly table: Locator;
  /** The scrolling part of the table (data rows live here). */
  readonly rows: Locator;
  readonly exportButton: Locator;
  /** The selected transaction (`?sale=`). */
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', { name: /^(Find a sale|查找交易)/ });
    this.table = page.getByRole('table', {
      name: /^(Sales that can be voided now|Transactions|当前可撤销的交易|交易)$/,
    });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
    this.exportButton = page.getByRole('button', { name: /^(Export CSV|导出 CSV)$/ });
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
      .getByRole('navigation', { name: /Transaction views|交易视图/ })
      .getByRole('link', { name });
  }

  /** The data row of a trace number. */
  row(traceNo: string) {
    return this.rows.filter({ hasText: traceNo });
  }

  details(traceNo: string) {
    return this.row(traceNo).getByRole('button', { name: new RegExp(`^Details of (sale|void) ${traceNo}$`) });
  }

  /** The numbered steps "How to void it at the terminal" in the detail. */
  steps() {
    return this.dialog.getByRole('region', { name: 'How to void it at the terminal' }).getByRole('listitem');
  }
}

/** Voids done, `/transactions/voids`. */
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
    this.period = page.getByLabel(/^(Period|时间范围)$/);
    this.bursts = page.getByRole('region', { name: /bursts? of voids|集中撤销/ });
    this.byOperator = page.getByRole('region', { name: /^(Voids by operator|按操作员统计)$/ });
    this.byTerminal = page.getByRole('region', { name: /^(Voids by terminal|按终端统计)$/ });
    this.table = page.getByRole('table', { name: /^(Voids|撤销交易)$/ });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
  }

  async goto(search = '') {
    await this.page.goto(`/transactions/voids${search}`);
    await expect(this.heading).toBeVisible();
  }
}
