import { setupWorker } from 'msw/browser';
import { type CookieJar, parseCookieHeader, parseSetCookie } from './cookie-jar';
import { basePathOf, createHandlers } from './handlers';
import { createAcquirer } from '@acquirer/acquirer';
import { type DemoAccount, demoAccounts } from '@acquirer/data/accounts';
import type { StoragePort } from '@acquirer/persistence';

// Scenario, seed, clock and hashed deltas only: never a secret in storage.
export const MOCK_STATE_KEY = 'merchant-console.mock-state';

function localStoragePort(): StoragePort {
  let warned = false;
  return {
    load: () => window.localStorage.getItem(MOCK_STATE_KEY),
    save(snapshot) {
      try {
        window.localStorage.setItem(MOCK_STATE_KEY, snapshot);
      } catch (error) {
        // Quota exceeded (a huge bulk job on the large scenario): keep running in memory.
        if (!warned) console.warn('[mock acquirer] state not saved; it will not survive a reload', error);
        warned = true;
      }
    },
  };
}

// A real (non-HttpOnly) cookie of the page, so the session survives reloads.
function documentCookieJar(): CookieJar {
  return {
    read: () => parseCookieHeader(document.cookie),
    write(setCookies) {
      for (const header of setCookies) {
        const cookie = parseSetCookie(header);
        if (!cookie) continue;
        const attributes = cookie.attributes.filter((a) => !/^httponly$/i.test(a));
        document.cookie = [`${cookie.name}=${cookie.value}`, ...attributes].join('; ');
      }
    },
    clear() {
      for (const name of Object.keys(parseCookieHeader(document.cookie))) {
        document.cookie = `${name}=; Path=/; Max-Age=0`;
      }
    },
  };
}

// Only the mock-mode bootstrap calls this (a compile-time branch in src/main.tsx).
export async function startMockWorker(
  options: { apiBaseUrl?: string } = {},
): Promise<{ demoAccounts: DemoAccount[] }> {
  const apiBaseUrl = options.apiBaseUrl ?? __API_BASE_URL__;
  const acquirer = createAcquirer({ storage: localStoragePort(), basePath: basePathOf(apiBaseUrl) });
  const worker = setupWorker(...createHandlers(() => acquirer, { apiBaseUrl, jar: documentCookieJar() }));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  // `npm run bench` tells the mock's start (regenerating the data) from the app's own time.
  performance.mark('mock-acquirer-ready');
  return { demoAccounts: demoAccounts.map((account) => ({ ...account })) };
}

export type { DemoAccount };
