import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The unit tests run as if it were 14:00 in Shanghai (the acquirer's zone), today, whenever
// they are started: the demo data and every deadline follow the clock, and a test that passes
// at some hours only must not make CI depend on when it runs (docs/decisions/009). Time still
// flows from there. TEST_SHANGHAI_TIME=HH:MM picks another time (`npm run test:hours` runs
// five), TEST_SHANGHAI_TIME=real the machine's clock.
const shanghaiTime = process.env.TEST_SHANGHAI_TIME ?? '14:00';
if (shanghaiTime !== 'real') {
  const { todayInShanghaiAt } = await import('./shanghai-time');
  const RealDate = Date;
  const offset = todayInShanghaiAt(shanghaiTime) - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as ConstructorParameters<DateConstructor>));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

// jsdom lays nothing out and does not scroll; long lists scroll the window, which it would
// report as "not implemented" on every call.
if (typeof window !== 'undefined') {
  window.scrollTo = () => {};
  window.scrollBy = () => {};
}

// jsdom has <dialog> but not its methods; a minimal stand-in with the same observable
// behaviour (open attribute, close event) so components using showModal() run in tests.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// Lazy routes import their page's modules on first visit; under a full parallel run Vite's
// on-demand transform of a page with a virtualized table can take more than the default
// 1 s. findBy/waitFor wait up to this long (a bound on waiting, not a speed assertion).
configure({ asyncUtilTimeout: 5000 });

// Messages load on demand (src/i18n/i18n.ts): the browser's language and every namespace
// are ready before any test renders, since a test may render a feature without the route
// that fetches its namespaces (tests/build/page-messages.test.ts checks the routes); a test
// that switches language awaits changeLanguage, which loads them all in the other one.
// A key with no message would show on screen as the key itself, a placeholder given no value
// as nothing: the test that renders either fails.
if (typeof window !== 'undefined') {
  const { i18nReady, loadMessages } = await import('@/i18n/i18n');
  const { NAMESPACES } = await import('@/i18n/namespaces');
  const { takeMissingMessages, trackMissingMessages } = await import('./missing-messages');
  await i18nReady;
  await loadMessages(NAMESPACES);
  trackMissingMessages();
  afterEach(() => {
    const keys = takeMissingMessages();
    if (keys.length > 0) throw new Error(`Messages missing or missing values: ${keys.join(', ')}`);
  });
}

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
