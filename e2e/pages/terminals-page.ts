import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

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
