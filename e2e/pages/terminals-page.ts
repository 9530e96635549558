import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class TerminalsPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly connectivity: Locator;
  readonly voidPassword: Locator;
  readonly passwordAge: Locator;
  readonly command: Locator;
  readonly sort: Locator;
  readonly table: Locator;
  readonly viewport: Locator;
  readonly rows: Locator;
  readonly shown: Locator;
  readonly exportButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', { name: onScreen('devices.filters.search') });
    this.connectivity = page.getByLabel(onScreen('devices.filters.status'));
    this.voidPassword = page.getByLabel(onScreen('devices.filters.passwordState'));
    this.passwordAge = page.getByLabel(onScreen('devices.filters.passwordAge'));
    this.command = page.getByLabel(onScreen('devices.filters.command'));
    this.sort = page.getByLabel(onScreen('devices.filters.sort'));
    this.table = page.getByRole('table', { name: onScreen('devices.list.label') });
    this.viewport = this.table.getByRole('rowgroup').last();
    this.rows = this.viewport.getByRole('row');
    this.shown = page.getByText(onScreen('listView.showing'));
    this.exportButton = page.getByRole('button', { name: onScreen('csvExport.button') });
  }

  async goto(search = '') {
    await this.page.goto(`/terminals${search}`);
    await expect(this.table).toBeVisible();
  }

  countsLine() {
    return this.page.getByRole('status').filter({ hasText: /terminals?, / });
  }

  /** `innerBoxScrolled`: the page should scroll the list, not a box of its own. */
  /** Rows wholly in view below the header, and the span the rows cover on screen. */
  async rowsInView(): Promise<{
    rows: number;
    coverTop: number;
    coverBottom: number;
    innerBoxScrolled: boolean;
  }> {
    const headerBottom = (await this.page.getByRole('banner').boundingBox())?.height ?? 0;
    return this.table.evaluate((table, top) => {
      const boxes = [...table.querySelectorAll('[role="rowgroup"]:last-child [role="row"]')].map((row) =>
        row.getBoundingClientRect(),
      );
      const whole = boxes.filter((box) => box.top >= top - 1 && box.bottom <= window.innerHeight + 1);
      const seen = boxes.filter((box) => box.bottom > top && box.top < window.innerHeight);
      const innerBoxScrolled = [table, ...table.querySelectorAll('*')].some(
        (element) => element.scrollTop > 0,
      );
      return {
        rows: whole.length,
        coverTop: Math.min(...seen.map((box) => box.top)),
        coverBottom: Math.max(...seen.map((box) => box.bottom)),
        innerBoxScrolled,
      };
    }, headerBottom);
  }

  row(tid: string) {
    return this.rows.filter({ has: this.page.getByRole('link', { name: tid, exact: true }) });
  }

  async scrollToEnd({ maxRowsInDom }: { maxRowsInDom: number }) {
    for (;;) {
      const before = (await this.shown.textContent()) ?? '';
      await this.page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight }));
      expect(await this.rows.count()).toBeLessThanOrEqual(maxRowsInDom);
      const [, shown, total] = /Showing ([\d,]+) of ([\d,]+)/.exec(before) ?? [];
      if (shown && shown === total) return;
      await expect(this.shown).not.toHaveText(before, { timeout: 15_000 });
    }
  }
}

export class TerminalPage {
  readonly heading: Locator;
  readonly voidPassword: Locator;
  readonly status: Locator;
  readonly openCommand: Locator;
  readonly history: Locator;
  readonly voidableSales: Locator;

  constructor(page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.voidPassword = page.getByRole('region', { name: onScreen('devices.voidPassword.title') });
    this.status = page.getByRole('region', { name: onScreen('devices.terminal.statusTitle') });
    this.openCommand = page.getByRole('region', {
      name: onScreen(['devices.openCommand.title', 'devices.openCommand.latestTitle']),
    });
    this.history = page.getByRole('region', { name: onScreen('devices.history.title') });
    this.voidableSales = page.getByRole('link', {
      name: onScreen('devices.terminal.voidableSales'),
    });
  }
}
