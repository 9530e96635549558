import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import type { AcquirerBackend } from './e2e/mock-acquirer';

// A port of our own (TOOLCHAIN.md: others may hold 4173/5173); override with E2E_PORT.
// The `http` project's server takes the next port.
const port = Number(process.env.E2E_PORT ?? 5317);
const baseURL = `http://127.0.0.1:${port}`;
const httpPort = port + 1;
const httpBaseURL = `http://127.0.0.1:${httpPort}`;
// Separate build folders let several checkouts or sessions run the suite side by side.
const outDir = process.env.E2E_OUT_DIR ?? 'dist-mock';
const httpOutDir = `${outDir}-http`;
// A fresh database each run, named after the port so parallel runs keep apart.
const httpDb = path.join(tmpdir(), `merchant-console-e2e-${httpPort}.db`);
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig<unknown, { backend: AcquirerBackend; acquirerStaticDir: string | null }>({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    // Recording a trace for every test (to keep the failing ones) doubled the suite's time on this 2-core
    // machine (docs/performance.md); CI keeps only its log, where `diagnoseFailure` and the error context
    // (an ARIA snapshot of the page) say what a failing test saw. Locally, failing tests keep a trace.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'off',
    launchOptions: {
      executablePath,
      // Chromium's background services try the (closed) network: keep it quiet and fast.
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // The app on the in-browser mock acquirer (MSW service worker).
    {
      name: 'mock',
      // The terminal protocol is the server's: the in-browser mock has none.
      grepInvert: /@http-only/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        baseURL,
        backend: 'mock',
      },
    },
    // A build with mocking off, on the acquirer server (sandbox mode) from the same origin:
    // each worker starts its own server on that build (e2e/acquirer-server.ts).
    {
      name: 'http',
      // Matrix-style suites (faults, accessibility) exercise the app, not the backend: once is enough.
      grepInvert: /@mock-only/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        baseURL: httpBaseURL,
        backend: 'http',
        acquirerStaticDir: httpOutDir,
      },
    },
  ],
  webServer: [
    {
      // The production bundle with the mock acquirer, served like a deployment.
      command: `VITE_API_MOCKING=true BUILD_OUT_DIR=${outDir} npx vite build && npx vite preview --outDir ${outDir} --port ${port} --strictPort --host 127.0.0.1`,
      url: baseURL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The production bundle without the mock, served by the acquirer server like `npm run serve`
      // (the workers then serve that build from servers of their own).
      command: `rm -f ${httpDb} ${httpDb}-wal ${httpDb}-shm && VITE_API_MOCKING=false BUILD_OUT_DIR=${httpOutDir} npx vite build && npx tsx server/main.ts --sandbox --static ${httpOutDir} --port ${httpPort} --host 127.0.0.1 --db ${httpDb}`,
      url: `${httpBaseURL}/api/v1/openapi.json`,
      env: { LOG_LEVEL: 'silent' },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
