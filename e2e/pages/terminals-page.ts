import { expect, type Locator, type Page } from '@playwright/test';

/** The fleet list, `/terminals` (also the terminal list of a merchant's page). */
export class TerminalsPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly connectivity: Locator;
  readonly voidPassword: Locator;
  readonly passwordAge: Locator;
  readonly command: Locator;
  readonly sort: Locator;
  readonly table: Locator;
  /** The scrolling part of the table (rows live here). */
  readonly viewport: Locator;
  readonly rows: Locator;
  /** "Showing 100 of 10,483". */
  readonly shown: Locator;
  readonly exportButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', { name: /^(Search|搜索)$/ });
    this.connectivity = page.getByLabel(/^(Connectivity|连接状态)$/);
    this.voidPassword = page.getByLabel(/^(Void password|撤销消费密码)$/);
    this.passwordAge = page.getByLabel(/^(Void password last changed|撤销消费密码上次修改)$/);
    this.command = page.getByLabel(/^(Changes to the void password|撤销消费密码的修改)$/);
    this.sort = page.getByLabel(/^(Sort by|排序)$/);
    this.table = page.getByRole('table', { name: /^(Terminals|终端)$/ });
    this.viewport = this.table.getByRole('rowgroup').last();
    this.rows = this.viewport.getByRole('row');
    this.shown = page.getByText(/^(Showing [\d,]+ of [\d,]+|已显示)/);
    this.exportButton = page.getByRole('button', { name: /^(Export CSV|导出 CSV)$/ });
  }

  async goto(search = '') {
    await this.page.goto(`/terminals${search}`);
    await expect(this.table).toBeVisible();
  }

  /** The counts line: "12 terminals, 4 on the factory password · …". */
  countsLine() {
    return this.page.getByRole('status').filter({ hasText: /terminals?, / });
  }

  row(tid: string) {
    return this.rows.filter({ has: this.page.getByRole('link', { name: tid, exact: true }) });
  }

  /** Scrolls the list to its end, page after page, until every matching row is loaded. */
  async scrollToEnd({ maxRowsInDom }: { maxRowsInDom: number }) {
    for (;;) {
      const before = (await this.shown.textContent()) ?? '';
      await this.viewport.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      expect(await this.rows.count()).toBeLessThanOrEqual(maxRowsInDom);
      const [, shown, total] = /Showing ([\d,]+) of ([\d,]+)/.exec(before) ?? [];
      if (shown && shown === total) return;
      await expect(this.shown).not.toHaveText(before, { timeout: 15_000 });
    }
  }
}

/** One terminal, `/terminals/:tid`. */
export class TerminalPage {
  readonly heading: Locator;
  readonly voidPassword: Locator;
  readonly status: Locator;
  readonly openCommand: Locator;
  readonly history: Locator;
  readonly voidableSales: Locator;

  constructor(page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.voidPassword = page.getByRole('region', { name: /^(Void password|撤销消费密码)$/ });
    this.status = page.getByRole('region', { name: /^(Status|状态)$/ });
    this.openCommand = page.getByRole('region', {
      name: /^(Open command|Latest command|待执行指令|最近的指令)$/,
    });
    this.history = page.getByRole('region', { name: /^(Command history|指令记录)$/ });
    this.voidableSales = page.getByRole('link', {
      name: /^(Sales that can still be voided|仍可撤销的交易)$/,
    });
  }
}
