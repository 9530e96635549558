import { expect, type Locator, type Page } from '@playwright/test';

/** Support's merchant search, `/merchants`, and a merchant's page. */
export class MerchantsPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly results: Locator;
  readonly stores: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', { name: /^(Find a merchant|查找商户)$/ });
    this.results = page.getByRole('list', { name: /^(Merchants found|找到的商户)$/ });
    this.stores = page.getByRole('region', { name: /^\d+ (stores?|家门店)$/ });
  }

  async goto(search = '') {
    await this.page.goto(`/merchants${search}`);
    await expect(this.search).toBeVisible();
  }

  async find(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
    await expect(this.results).toBeVisible();
  }

  result(name: string) {
    return this.results.getByRole('link', { name, exact: true });
  }
}
