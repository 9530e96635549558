import { expect, type Locator, type Page } from '@playwright/test';

/** The audit trail, `/audit`. */
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
    this.merchant = page.getByRole('searchbox', { name: /^(Merchant ID|商户号)/ });
    this.who = page.getByRole('searchbox', { name: /^(Who|操作人)/ });
    this.action = page.getByLabel(/^(Action|操作)$/);
    this.terminal = page.getByRole('searchbox', { name: /^(Terminal|终端)/ });
    this.ticket = page.getByRole('searchbox', { name: /^(Support ticket|客服工单)/ });
    this.table = page.getByRole('table', { name: /^(Audit events|审计记录)$/ });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
  }

  async goto(search = '') {
    await this.page.goto(`/audit${search}`);
    await expect(this.heading).toBeVisible();
  }
}
