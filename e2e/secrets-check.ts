import { expect, type Page } from '@playwright/test';

export function collectConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  return messages;
}

export async function expectNoSecretInBrowser(page: Page, secrets: string[], consoleMessages: string[]) {
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const kept = await page.evaluate(async () => {
    const dump = (storage: Storage) => Object.entries(storage).map(([key, value]) => `${key}=${value}`);
    const indexedDb: string[] = [];
    for (const info of (await indexedDB.databases?.()) ?? []) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of db.objectStoreNames) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        indexedDb.push(`${info.name}/${storeName}: ${JSON.stringify(records)}`);
      }
      db.close();
    }
    const caches = 'caches' in window ? await window.caches.keys() : [];
    const fields = [...document.querySelectorAll('input, textarea')].map(
      (field) => (field as HTMLInputElement).value,
    );
    return {
      url: location.href,
      historyState: JSON.stringify(history.state),
      localStorage: dump(localStorage).join('\n'),
      sessionStorage: dump(sessionStorage).join('\n'),
      indexedDb: indexedDb.join('\n'),
      cacheStorage: caches.join('\n'),
      cookies: document.cookie,
      dom: document.documentElement.outerHTML,
      fields: fields.join('\n'),
    };
  });
  const cookies = JSON.stringify(await page.context().cookies());
  const places: Record<string, string> = {
    ...kept,
    httpCookies: cookies,
    console: consoleMessages.join('\n'),
  };
  for (const secret of secrets) {
    expect(secret.length, 'a secret to look for').toBeGreaterThanOrEqual(6);
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(secret), `a secret is in ${place}`).toBe(false);
    }
  }
}
