import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// 14:00 in Shanghai today, so no test depends on the hour CI runs at (decision 009).
// TEST_SHANGHAI_TIME=HH:MM picks another time, =real the machine's clock.
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

// jsdom does not scroll; long lists scroll the window.
if (typeof window !== 'undefined') {
  window.scrollTo = () => {};
  window.scrollBy = () => {};
}

// jsdom has <dialog> but not its methods.
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

// Under a full parallel run, Vite's first transform of a page with a virtualized table can take over 1 s.
configure({ asyncUtilTimeout: 5000 });

// A test may render a feature without the route that fetches its namespaces, so all are loaded here.
// A missing message shows as its key, a missing placeholder as nothing: the test fails.
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

afterEach(() => {
  cleanup();
});
