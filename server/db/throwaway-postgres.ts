import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { inject } from 'vitest';
import { createDatabase } from './postgres';

// For tests: a PostgreSQL of their own (scripts/postgres.mjs, run as a separate process: the script
// installs PostgreSQL with apt-get when it is missing), and a fresh database on it per test.

const root = path.resolve(import.meta.dirname, '../..');

export interface ThrowawayPostgres {
  url: string;
  stop(): void;
  /** A new, empty database on it, by name; its URL. */
  database(name: string): Promise<string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the run's PostgreSQL (tests/postgres-global-setup.ts). */
    postgresUrl: string;
  }
}

/** The run's PostgreSQL (tests/postgres-global-setup.ts) when inside a Vitest run that started one. */
function sharedUrl(): string | undefined {
  try {
    return inject('postgresUrl');
  } catch {
    return undefined;
  }
}

/**
 * Inside the unit run, the run's PostgreSQL (stopped at its end, not by `stop`); elsewhere one of its own.
 * Database names get a random suffix: test files share the server.
 */
export function throwawayPostgres(): ThrowawayPostgres {
  const url = sharedUrl();
  const started = url ? null : startThrowawayPostgres();
  const at = url ?? started!.url;
  return {
    url: at,
    stop: () => started?.stop(),
    database: (name) => createDatabase(at, `${name}_${randomBytes(4).toString('hex')}`),
  };
}

export function startThrowawayPostgres(): ThrowawayPostgres {
  const started = spawnSync(process.execPath, ['scripts/postgres.mjs', 'start'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (started.status !== 0) throw new Error(`scripts/postgres.mjs start failed: ${started.stderr}`);
  const { url, dir } = JSON.parse(started.stdout.trim().split('\n').at(-1)!) as { url: string; dir: string };
  return {
    url,
    stop: () => void spawnSync(process.execPath, ['scripts/postgres.mjs', 'stop', dir], { cwd: root }),
    database: (name) => createDatabase(url, name),
  };
}
