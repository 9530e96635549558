import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { messageCatalogs } from './scripts/vite/message-catalogs.ts';
import { ConfigError, parseConfig } from './src/config/env.ts';
import { crossOriginApiSource, NO_STORE, securityHeaders } from './contract/security-headers.ts';

function readProxyTarget(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(value)) {
    throw new ConfigError([`API_PROXY_TARGET must be an absolute http(s) URL, got "${value}"`]);
  }
  return value;
}

const WORKER_FILE = 'mockServiceWorker.js';

// zod is left to the automatic split: each screen then loads only the zod code its schemas use.
const FRAMEWORK_MODULES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query)|@lingui[\\/]core)[\\/]/;

// What every screen and the entry use, with its dependencies: one shared file, where the
// automatic split made two (the second, of a skeleton and the document title, cost sign-in
// ~0.3 kB gzip on its own).
const APP_BASE_MODULES =
  /[\\/]src[\\/](components[\\/](error-notice|skeleton|use-document-title)\.tsx?|api[\\/]client\.ts)$/;

// From the installed msw, so the worker matches the library; a build without mocking has no MSW file.
function mockServiceWorker(enabled: boolean): Plugin {
  const source = () => readFileSync(createRequire(import.meta.url).resolve(`msw/${WORKER_FILE}`), 'utf8');
  return {
    name: 'merchant-console:msw-worker',
    configureServer(server) {
      if (!enabled) return;
      server.middlewares.use(`/${WORKER_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source());
      });
    },
    generateBundle() {
      if (enabled) this.emitFile({ type: 'asset', fileName: WORKER_FILE, source: source() });
    },
  };
}

export default defineConfig(({ command, mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };
  const isDev = command === 'serve' && mode !== 'production';
  let config;
  let proxyTarget;
  try {
    config = parseConfig(
      { VITE_API_MOCKING: env.VITE_API_MOCKING, VITE_API_BASE_URL: env.VITE_API_BASE_URL },
      isDev,
    );
    proxyTarget = readProxyTarget(env.API_PROXY_TARGET);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const proxy = proxyTarget
    ? { [config.apiBaseUrl]: { target: proxyTarget, changeOrigin: true } }
    : undefined;
  const connectSrc = crossOriginApiSource(config.apiBaseUrl);
  const devNonce = isDev ? randomBytes(16).toString('base64') : undefined;

  return {
    plugins: [react(), tailwindcss(), mockServiceWorker(config.apiMocking), messageCatalogs()],
    html: devNonce ? { cspNonce: devNonce } : undefined,
    resolve: { alias: { '@': new URL('./src', import.meta.url).pathname } },
    define: {
      // A compile-time constant (decision 002).
      __API_MOCKING__: JSON.stringify(config.apiMocking),
      __API_BASE_URL__: JSON.stringify(config.apiBaseUrl),
    },
    server: { proxy, headers: securityHeaders({ connectSrc, devNonce }) },
    preview: {
      // e2e runs the app under the headers a deployment sends; no-store costs a preview nothing.
      headers: { ...securityHeaders({ connectSrc }), 'Cache-Control': NO_STORE },
      proxy,
    },
    build: {
      sourcemap: false,
      outDir: env.BUILD_OUT_DIR || 'dist',
      rolldownOptions: {
        output: {
          codeSplitting: {
            // One request instead of four chunks (docs/performance.md), and cached across releases.
            groups: [
              { name: 'framework', test: FRAMEWORK_MODULES },
              { name: 'app-base', test: APP_BASE_MODULES },
            ],
          },
        },
      },
    },
  };
});
