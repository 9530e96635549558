import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { messageCatalogs } from './scripts/vite/message-catalogs';

export default defineConfig({
  plugins: [react(), messageCatalogs()],
  resolve: {
    alias: {
      '@contract': new URL('./contract', import.meta.url).pathname,
      '@acquirer': new URL('./acquirer', import.meta.url).pathname,
      '@': new URL('./src', import.meta.url).pathname,
    },
  },
  define: { __API_MOCKING__: 'true', __API_BASE_URL__: JSON.stringify('http://localhost/api/v1') },
  test: {
    environment: 'jsdom',
    include: [
      'src/**/*.test.{ts,tsx}',
      'contract/**/*.test.ts',
      'acquirer/**/*.test.ts',
      'scripts/**/*.test.ts',
      'server/**/*.test.ts',
      'terminal/**/*.test.ts',
      'tests/contract/**/*.test.ts',
    ],
    setupFiles: ['src/testing/setup.ts'],
    // A throwaway PostgreSQL for the run (tests of the server on PostgreSQL, the contract suite's backend).
    globalSetup: ['tests/postgres-global-setup.ts'],
    restoreMocks: true,
    testTimeout: 15000,
  },
});
