import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Acquirer, createAcquirer } from '@acquirer/acquirer';
import { createApp, CONTROL_PATH } from './app';
import { type ServerConfig, ServerConfigError } from './config';
import { type PostgresLiveFeed, postgresLiveFeed } from './db/live-feed';
import { openPostgres, redactedUrl } from './db/postgres';
import { takeServerLock } from './db/server-lock';
import { openSharedStore, type SharedStore } from './db/shared-store';
import { openTableStore, type TableStore } from './db/table-store';
import { defaultKdfConcurrency, loadSecret, scryptHasher } from './hasher';
import { createLogger, errorFields, type Logger } from './logger';
import { ed25519Signatures } from './terminal-keys';

export interface RunningServer {
  url: string;
  port: number;
  acquirer: Acquirer;
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  log: Logger = createLogger(undefined, config.logLevel),
): Promise<RunningServer> {
  if (config.databaseUrl && !config.secret) {
    // Beside a SQLite file the pepper is kept in `<file>.secret`; processes on PostgreSQL share no file.
    throw new ServerConfigError(
      'DATABASE_URL is set but SERVER_SECRET is not: every server process on one PostgreSQL database must ' +
        'hash with the same secret (at least 32 characters), kept apart from the database.',
    );
  }
  const hasher = scryptHasher(
    loadSecret(config.secret, config.dbPath),
    config.scryptCost,
    config.kdfConcurrency || defaultKdfConcurrency(),
  );
  const seed = { scenario: config.scenario, seed: config.seed, now: Date.now() };
  let store: TableStore | SharedStore;
  let release = () => {};
  // Live events: in memory on SQLite (one process), through PostgreSQL between processes (decision 023).
  let live: PostgresLiveFeed | undefined;
  if (config.databaseUrl) {
    // PostgreSQL: any number of processes on one database (decision 021).
    const q = await openPostgres(config.databaseUrl);
    store = await openSharedStore(q, { hasher, seed }).catch(async (error: unknown) => {
      await q.destroy();
      throw error;
    });
    live = await postgresLiveFeed(q, {
      onError: (error) => log.error('live events: PostgreSQL', errorFields(error)),
    });
  } else {
    // One server process per SQLite file (decision 019): taken before the file is touched.
    const lock = takeServerLock(config.dbPath);
    release = () => lock.release();
    // Migrated, and seeded with the configured scenario when new; the state is then the tables'.
    store = await openTableStore({
      file: config.dbPath,
      synchronous: config.synchronous,
      seed: { ...seed, hasher },
    }).catch((error: unknown) => {
      lock.release();
      throw error;
    });
  }
  const acquirer: Acquirer = createAcquirer({
    scenario: config.scenario,
    seed: config.seed,
    storage: store,
    // Sales and the audit trail are read from their tables, never held in memory (decision 017).
    ledger: store.ledger(() => acquirer.state.world),
    // The fleet lists are SQL queries on the terminals table (decision 018).
    fleet: store.fleet(() => acquirer.state.world),
    auditTrail: store.auditTrail(),
    hasher,
    controlPath: config.sandbox ? CONTROL_PATH : null,
    terminalSignatures: ed25519Signatures(),
    live,
  });
  await acquirer.ready();
  const app = createApp(config, acquirer, log);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info('listening', {
    url,
    sandbox: config.sandbox,
    db: config.databaseUrl ? redactedUrl(config.databaseUrl) : config.dbPath,
    scenario: acquirer.state.world.scenario,
    static: config.staticDir,
  });
  return {
    url,
    port,
    acquirer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void Promise.resolve(live?.close())
            .then(() => store.close())
            .then(() => {
              release();
              resolve();
            });
        });
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
