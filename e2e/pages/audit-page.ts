import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class AuditPage {
  readonly heading: Locator;
  readonly merchant: Locator;
  readonly who: Locator;
  readonly action: Locator;
  readonly terminal: Locator;
  readonly ticket: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.merchant = page.getByRole('searchbox', { name: onScreen('merchantFilter.label', { prefix: true }) });
    this.who = page.getByRole('searchbox', { name: onScreen('audit.filters.actor', { prefix: true }) });
    this.action = page.getByLabel(onScreen('audit.filters.action'));
    this.terminal = page.getByRole('searchbox', { name: onScreen('terminalFilter.label', { prefix: true }) });
    this.ticket = page.getByRole('searchbox', { name: onScreen('audit.filters.ticket', { prefix: true }) });
    this.table = page.getByRole('table', { name: onScreen('audit.list') });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
  }

  async goto(search = '') {
    await this.page.goto(`/audit${search}`);
    await expect(this.heading).toBeVisible();
  }
}
