import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { readConfig } from '../server/config';
import { openPostgres } from '../server/db/postgres';
import { startServer } from '../server/server';

/**
 * A fresh database on the PostgreSQL of `E2E_DATABASE_URL` (README: the `http` project on PostgreSQL),
 * named for this worker; dropped again by `drop`.
 */
async function freshPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(url);
  try {
    await sql`create database ${sql.id(name)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const at = new URL(url);
  at.pathname = `/${name}`;
  return {
    url: at.toString(),
    async drop() {
      const again = await openPostgres(url);
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(again);
      } finally {
        await again.destroy();
      }
    },
  };
}

/** One server per worker keeps workers' tests apart, as each page's own service worker does with the mock. */
export async function startWorkerAcquirer(
  staticDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'merchant-console-e2e-'));
  const postgres = process.env.E2E_DATABASE_URL
    ? await freshPostgresDatabase(process.env.E2E_DATABASE_URL)
    : null;
  const config = readConfig(['--sandbox', '--port', '0', '--static', staticDir], {
    DB_PATH: path.join(dir, 'acquirer.db'),
    LOG_LEVEL: 'silent',
    ...(postgres ? { DATABASE_URL: postgres.url, SERVER_SECRET: randomBytes(24).toString('hex') } : {}),
  });
  const server = await startServer(config);
  return {
    url: server.url,
    async close() {
      await server.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
