import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../server/config';
import { startServer } from '../server/server';

/** One server per worker keeps workers' tests apart, as each page's own service worker does with the mock. */
export async function startWorkerAcquirer(
  staticDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'merchant-console-e2e-'));
  const config = readConfig(['--sandbox', '--port', '0', '--static', staticDir], {
    DB_PATH: path.join(dir, 'acquirer.db'),
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config);
  return {
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
