import { setupWorker } from 'msw/browser';
import { createAcquirer } from '@acquirer/acquirer';
import { type DemoAccount, demoAccounts } from '@acquirer/data/accounts';
import type { StoragePort } from '@acquirer/persistence';
import { type CookieJar, parseCookieHeader, parseSetCookie } from './cookie-jar';
import { basePathOf, createHandlers } from './handlers';

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

// MSW's start resolves once its worker answered, but the page's requests reach the worker only once it
// controls the page (at once, except on the first visit). Failing loudly beats an app whose requests reach the
// static server instead, which looks like an outage of the acquirer.
function controlOfThisPage(timeoutMs = 10_000): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', onChange);
      reject(new Error(`the mock's service worker did not take control of the page in ${timeoutMs} ms`));
    }, timeoutMs);
    function onChange() {
      clearTimeout(timer);
      resolve();
    }
    container.addEventListener('controllerchange', onChange, { once: true });
  });
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
  await controlOfThisPage();
  // `npm run bench` tells the mock's start (regenerating the data) from the app's own time.
  performance.mark('mock-acquirer-ready');
  return { demoAccounts: demoAccounts.map((account) => ({ ...account })) };
}

export type { DemoAccount };
