import { spawnSync } from 'node:child_process';
import path from 'node:path';
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
