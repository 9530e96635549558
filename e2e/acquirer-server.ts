import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../server/config';
import { createDatabase, dropDatabase } from '../server/db/postgres';
import { startServer } from '../server/server';

/** One server per worker keeps workers' tests apart, as each page's own service worker does with the mock. */
export async function startWorkerAcquirer(
  staticDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'merchant-console-e2e-'));
  // README: the `http` project on PostgreSQL, a fresh database per worker.
  const admin = process.env.E2E_DATABASE_URL;
  const database = `e2e_${randomBytes(6).toString('hex')}`;
  const postgres = admin ? await createDatabase(admin, database) : null;
  const config = readConfig(['--sandbox', '--port', '0', '--static', staticDir], {
    DB_PATH: path.join(dir, 'acquirer.db'),
    LOG_LEVEL: 'silent',
    ...(postgres ? { DATABASE_URL: postgres, SERVER_SECRET: randomBytes(24).toString('hex') } : {}),
  });
  const server = await startServer(config);
  return {
    url: server.url,
    async close() {
      await server.close();
      if (admin) await dropDatabase(admin, database);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
