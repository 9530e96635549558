import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// A port of our own (TOOLCHAIN.md: others may hold 4173/5173); override with E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 5317);
const baseURL = `http://127.0.0.1:${port}`;
// Separate build folders let several checkouts or sessions run the suite side by side.
const outDir = process.env.E2E_OUT_DIR ?? 'dist-mock';
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
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
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    // The production bundle with the mock acquirer, served like a deployment.
    command: `VITE_API_MOCKING=true BUILD_OUT_DIR=${outDir} npx vite build && npx vite preview --outDir ${outDir} --port ${port} --strictPort --host 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
