// `npm run bench [-- --runs N | --quick | --pages N]`: figures for docs/performance.md, not assertions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { preview } from 'vite';
import playwrightConfig from '../../playwright.config';
import { DEMO_PASSWORDS } from '@acquirer/data/demo-fixtures';
import { buildApp, projectRoot } from './build-app';
import { kB, routeSizes, type RouteSize } from './route-sizes';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    pages: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs ?? (args.quick ? 1 : 5));
const SCROLL_PAGES = Number(args.pages ?? (args.quick ? 5 : 20));
const PORT = Number(process.env.BENCH_PORT ?? 5360);
const SPEEDS = [1, 4] as const;
// search-field.tsx commits a search after this pause.
const SEARCH_DEBOUNCE_MS = 300;
const SEARCH_TEXT = '61004321';
// A brisk wheel or trackpad scroll per frame (a wheel notch is 100 px).
const WHEEL_PX = 400;
// A time of day when the day's sales are still voidable.
const BUSINESS_AFTERNOON = '2026-11-25T15:00:00+08:00';

const mockDir = path.join(projectRoot, 'dist-bench');
const productionDir = path.join(projectRoot, 'dist-bench-production');
const resultsFile = path.join(projectRoot, 'bench/results.json');

type Metric =
  | 'signInFormUsableMs'
  | 'mockStartMs'
  | 'signInToFirstRowMs'
  | 'scrollLongestTaskMs'
  | 'scrollFramesOver50'
  | 'scrollLongTasksOver100'
  | 'scrollDurationMs'
  | 'scrollRowsLoaded'
  | 'searchAfterDebounceMs'
  | 'filterMs'
  | 'terminalPageMs'
  | 'voidableFirstRowsMs'
  | 'heapAtSignInFormMB'
  | 'heapAfterSignInMB'
  | 'heapAfterScrollMB'
  | 'heapAfterSearchMB'
  | 'heapAfterTerminalMB'
  | 'heapAfterVoidableMB';
type Run = Record<Metric, number>;

const LABELS: Record<Metric, string> = {
  signInFormUsableMs: 'navigation → sign-in form usable (ms)',
  mockStartMs: '  of which the mock acquirer starts (ms)',
  signInToFirstRowMs: 'sign-in → first terminal row (ms)',
  scrollLongestTaskMs: 'scroll: longest task (ms)',
  scrollFramesOver50: 'scroll: frames over 50 ms',
  scrollLongTasksOver100: 'scroll: tasks over 100 ms',
  scrollDurationMs: 'scroll: total time (ms)',
  scrollRowsLoaded: 'scroll: rows loaded',
  searchAfterDebounceMs: `search: last key → rows, minus ${SEARCH_DEBOUNCE_MS} ms pause (ms)`,
  filterMs: 'filter (connectivity) → rows (ms)',
  terminalPageMs: 'open a terminal page (ms)',
  voidableFirstRowsMs: 'voidable sales: first rows (ms)',
  heapAtSignInFormMB: 'JS heap at the sign-in form, mock data loaded (MB)',
  heapAfterSignInMB: 'JS heap after first row (MB)',
  heapAfterScrollMB: 'JS heap after scroll (MB)',
  heapAfterSearchMB: 'JS heap after search (MB)',
  heapAfterTerminalMB: 'JS heap after terminal page (MB)',
  heapAfterVoidableMB: 'JS heap after voidable list (MB)',
};

function installProbes() {
  const w = window as unknown as { __bench: { longTasks: { start: number; duration: number }[] } };
  w.__bench = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      w.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

async function whenVisible(page: Page, selector: string, text?: string): Promise<number> {
  const handle = await page.waitForFunction(
    ({ selector, text }) => {
      for (const element of document.querySelectorAll<HTMLElement>(selector)) {
        if (element.checkVisibility() && (!text || element.textContent?.includes(text))) {
          return performance.now();
        }
      }
      return false;
    },
    { selector, text },
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return Math.round((used / 1024 / 1024) * 10) / 10;
}

async function postMock(page: Page, url: string, body: unknown): Promise<void> {
  const status = await page.evaluate(
    async ({ url, body }) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    { url, body },
  );
  if (status >= 300) throw new Error(`POST ${url} → ${status}`);
}

const FLEET_TABLE = '[role="table"][aria-label="Terminals"]';
const FLEET_ROWS = `${FLEET_TABLE} > [role="rowgroup"]:last-child > div > [role="row"]`;

async function whenListSettles(
  page: Page,
  label: string,
  test: { shownAbove?: number; totalNot?: number; shown?: number },
): Promise<{ at: number; shown: number; total: number }> {
  const handle = await page.waitForFunction(
    ({ label, test }) => {
      const table = document.querySelector(`[role="table"][aria-label="${label}"]`);
      const id = table?.getAttribute('aria-describedby');
      const text = (id && document.getElementById(id)?.textContent) || '';
      const match = /^Showing ([\d,]+) of ([\d,]+)$/.exec(text);
      if (!match) return false;
      const [shown, total] = [Number(match[1]!.replaceAll(',', '')), Number(match[2]!.replaceAll(',', ''))];
      if (test.shownAbove !== undefined && !(shown > test.shownAbove)) return false;
      if (test.totalNot !== undefined && total === test.totalNot) return false;
      if (test.shown !== undefined && shown !== test.shown) return false;
      return { at: performance.now(), shown, total };
    },
    { label, test },
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as { at: number; shown: number; total: number };
}

async function oneRun(browser: Browser, baseURL: string, rate: number): Promise<Run> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  // tsx keeps function names with a `__name` helper that functions sent to the page call.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  try {
    await page.goto('/sign-in');
    // Until the mock has started, its service worker lets requests through to the static server (404).
    await page.waitForFunction(() => performance.getEntriesByName('mock-acquirer-ready').length > 0);
    await postMock(page, '/__mock/reset', { scenario: 'large', now: BUSINESS_AFTERNOON });

    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const run = {} as Run;

    await page.goto('/terminals', { waitUntil: 'commit' });
    run.signInFormUsableMs = await page
      .waitForFunction(
        () => {
          const user = document.querySelector<HTMLInputElement>('input[autocomplete="username"]');
          const submit = document.querySelector<HTMLButtonElement>('form button[type="submit"]');
          return user?.checkVisibility() && !user.disabled && submit && !submit.disabled
            ? performance.now()
            : false;
        },
        undefined,
        { polling: 'raf', timeout: 120_000 },
      )
      .then((h) => h.jsonValue() as Promise<number>);
    // Only the mock build has this step: it regenerates the large data on each page load.
    run.mockStartMs = await page.evaluate(
      () => performance.getEntriesByName('mock-acquirer-ready')[0]?.startTime ?? Number.NaN,
    );

    run.heapAtSignInFormMB = await heapMB(cdp);

    await page.getByLabel('Username').fill('support');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORDS.support);
    const submitAt = await page.evaluate(() => {
      const at = performance.now();
      document.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
      return at;
    });
    run.signInToFirstRowMs = (await whenVisible(page, FLEET_ROWS)) - submitAt;
    run.heapAfterSignInMB = await heapMB(cdp);

    let list = await whenListSettles(page, 'Terminals', {});
    const scrollStart = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __framesOn: boolean };
      w.__frames = [];
      w.__framesOn = true;
      let last = performance.now();
      const tick = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        if (w.__framesOn) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      return performance.now();
    });
    // The list asks for the next page 10 rows before the end; the page (not a box) scrolls.
    for (let pages = 1; ; pages++) {
      await page.evaluate(
        (step) =>
          new Promise<void>((resolve) => {
            const page = document.documentElement;
            const tick = () => {
              if (window.scrollY + window.innerHeight >= page.scrollHeight - 2) return resolve();
              window.scrollBy(0, step);
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          }),
        WHEEL_PX,
      );
      if (list.shown >= list.total || pages >= SCROLL_PAGES) break;
      list = await whenListSettles(page, 'Terminals', { shownAbove: list.shown });
    }
    const scroll = await page.evaluate((scrollStart) => {
      const w = window as unknown as {
        __frames: number[];
        __framesOn: boolean;
        __bench: { longTasks: { start: number; duration: number }[] };
      };
      w.__framesOn = false;
      const tasks = w.__bench.longTasks.filter((t) => t.start >= scrollStart);
      return {
        end: performance.now(),
        longest: Math.max(0, ...tasks.map((t) => t.duration)),
        over100: tasks.filter((t) => t.duration > 100).length,
        framesOver50: w.__frames.filter((d) => d > 50).length,
      };
    }, scrollStart);
    run.scrollLongestTaskMs = scroll.longest;
    run.scrollLongTasksOver100 = scroll.over100;
    run.scrollFramesOver50 = scroll.framesOver50;
    run.scrollDurationMs = scroll.end - scrollStart;
    run.scrollRowsLoaded = list.shown;
    run.heapAfterScrollMB = await heapMB(cdp);

    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.click();
    await page.evaluate(() => {
      const w = window as unknown as { __lastKey: number };
      document.addEventListener('input', () => (w.__lastKey = performance.now()), { capture: true });
    });
    await search.pressSequentially(SEARCH_TEXT);
    const resultAt = await whenVisible(page, `${FLEET_ROWS} a[href="/terminals/${SEARCH_TEXT}"]`);
    await whenListSettles(page, 'Terminals', { shown: 1 });
    const lastKey = await page.evaluate(() => (window as unknown as { __lastKey: number }).__lastKey);
    run.searchAfterDebounceMs = resultAt - lastKey - SEARCH_DEBOUNCE_MS;
    run.heapAfterSearchMB = await heapMB(cdp);

    await search.fill('');
    await search.press('Enter');
    const everyone = await whenListSettles(page, 'Terminals', { shownAbove: 1 });
    const filterAt = await page.evaluate(() => performance.now());
    await page.getByLabel('Connectivity').selectOption('offline');
    await whenListSettles(page, 'Terminals', { totalNot: everyone.total });
    run.filterMs = (await whenVisible(page, FLEET_ROWS, 'Offline')) - filterAt;

    const firstLink = page.locator(`${FLEET_ROWS} a[href^="/terminals/"]`).first();
    const tid = (await firstLink.textContent())?.trim() ?? '';
    const openAt = await page.evaluate(() => performance.now());
    await firstLink.click();
    run.terminalPageMs =
      (await whenVisible(page, 'section[aria-labelledby], [role="region"]', 'Void password')) - openAt;
    await page.getByRole('heading', { level: 1, name: new RegExp(tid) }).waitFor();
    run.heapAfterTerminalMB = await heapMB(cdp);

    const navAt = await page.evaluate(() => performance.now());
    await page.getByRole('navigation').getByRole('link', { name: 'Transactions', exact: true }).click();
    run.voidableFirstRowsMs =
      (await whenVisible(
        page,
        '[role="table"][aria-label="Sales that can be voided now"] > [role="rowgroup"]:last-child > div > [role="row"]',
      )) - navAt;
    run.heapAfterVoidableMB = await heapMB(cdp);
    return run;
  } finally {
    await context.close();
  }
}

interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    median: round(median),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    runs: values.map(round),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

function sizeTable(sizes: RouteSize[]): string {
  return table([
    ['route (mocking-off build)', 'JS gzip', 'JS raw', 'files', 'CSS gzip'],
    ...sizes.map((s) => [s.route, kB(s.js.gzip), kB(s.js.raw), String(s.js.files.length), kB(s.css.gzip)]),
  ]);
}

async function main() {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
  };
  if (!args['no-build']) {
    console.log('Building the mock bundle and the mocking-off bundle…');
    await buildApp({ mocking: true, outDir: mockDir });
    await buildApp({ mocking: false, outDir: productionDir });
  }
  const sizes = routeSizes(productionDir);
  console.log(`\n${sizeTable(sizes)}\n`);

  const server = await preview({
    root: projectRoot,
    logLevel: 'error',
    build: { outDir: mockDir },
    preview: { port: PORT, strictPort: true, host: '127.0.0.1', open: false },
  });
  const baseURL = `http://127.0.0.1:${PORT}`;
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch({ ...launchOptions, headless: true });
  const results: Record<string, Record<Metric, Summary>> = {};
  try {
    for (const rate of SPEEDS) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        process.stdout.write(`CPU ${rate}×, run ${i + 1}/${RUNS}… `);
        const started = Date.now();
        runs.push(await oneRun(browser, baseURL, rate));
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      results[`${rate}x`] = Object.fromEntries(
        (Object.keys(LABELS) as Metric[]).map((metric) => [metric, summarize(runs.map((r) => r[metric]))]),
      ) as Record<Metric, Summary>;
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }

  const speedCols = SPEEDS.map((rate) => `${rate}× CPU: median (min–max)`);
  const rows = (Object.keys(LABELS) as Metric[]).map((metric) => [
    LABELS[metric],
    ...SPEEDS.map((rate) => {
      const s = results[`${rate}x`]![metric];
      return `${s.median} (${s.min}–${s.max})`;
    }),
  ]);
  const loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
  console.log(
    `\n${table([[`large scenario, ${RUNS} runs, scroll ≤ ${SCROLL_PAGES} pages`, ...speedCols], ...rows])}`,
  );
  console.log(
    `\n${machine.cpus}× ${machine.cpuModel}; load average ${machine.loadAverageAtStart.join(' ')} at start, ${loadAverageAtEnd.join(' ')} at end`,
  );

  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { ...machine, loadAverageAtEnd },
        options: { runs: RUNS, scrollPages: SCROLL_PAGES, speeds: SPEEDS, searchText: SEARCH_TEXT },
        sizes: sizes.map((s) => ({
          route: s.route,
          jsGzip: s.js.gzip,
          jsRaw: s.js.raw,
          files: s.js.files,
          cssGzip: s.css.gzip,
        })),
        metrics: results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Wrote ${path.relative(projectRoot, resultsFile)}`);
}

await main();
