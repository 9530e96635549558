import '@contract/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import type { AppConfig } from '@/app/app-config';
import { StartupError } from '@/app/startup-error';
import { i18nReady } from '@/i18n/i18n';
import './styles/index.css';

// A page restored from the back/forward cache shows a session that may have ended since: load it afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

async function start(): Promise<void> {
  const config: AppConfig = { mocking: __API_MOCKING__, demoAccounts: [] };

  // With mocking off, this branch and the mock's chunk are not built (decision 002).
  if (__API_MOCKING__) {
    try {
      const { startMockWorker } = await import('./mocks/browser');
      const { demoAccounts } = await startMockWorker();
      config.demoAccounts = demoAccounts;
    } catch (error) {
      console.error('The mock acquirer did not start', error);
      await i18nReady;
      root.render(
        <StrictMode>
          <StartupError />
        </StrictMode>,
      );
      return;
    }
  }

  await i18nReady; // loading since this module started, alongside the mock
  root.render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void start();
