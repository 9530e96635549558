import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema';

// PostgreSQL (issue 15, decisions 020 and 021), through the same Kysely query layer as SQLite: the connection
// with its errors, and the backup.

// Instants are epoch milliseconds in `bigint`, counts are `bigint`, sums `numeric`: as numbers, like SQLite
// gives them (all well within 2^53).
// pg is loaded when a database is opened: a server on SQLite does not carry it (~10 MB of RSS).
async function loadPg(): Promise<typeof pg> {
  const { default: driver } = await import('pg');
  driver.types.setTypeParser(driver.types.builtins.INT8, (value) => Number(value));
  driver.types.setTypeParser(driver.types.builtins.NUMERIC, (value) => Number(value));
  return driver;
}

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

const EXPECTED = 'expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE';

function parse(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL is not a URL (${EXPECTED})`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(
      `DATABASE_URL must start with postgres:// (it starts with ${parsed.protocol}//; ${EXPECTED})`,
    );
  }
  if (!parsed.hostname) throw new DatabaseUrlError(`DATABASE_URL names no host (${EXPECTED})`);
  return parsed;
}

/** Why a connection failed, in words, never with the password. */
function reasonOf(error: unknown, url: URL): string {
  const e = error as { code?: string; message?: string };
  const where = `${url.hostname}:${url.port || '5432'}`;
  const user = decodeURIComponent(url.username) || '(none)';
  const database = decodeURIComponent(url.pathname.slice(1)) || user;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${url.hostname} is unknown`;
    case 'ETIMEDOUT':
      return `${where} did not answer`;
    case '28P01':
      return `the password of user ${user} was refused`;
    case '28000':
      return `user ${user} may not connect (no such role, or pg_hba.conf refuses it)`;
    case '3D000':
      return `the database ${database} does not exist`;
    default:
      // pg's messages name no password; the URL is not in them.
      return e.message && /timeout/i.test(e.message)
        ? `${where} did not answer in time`
        : (e.message ?? String(error));
  }
}

const pools = new WeakMap<Kysely<Database>, pg.Pool>();

/** The pool under a Kysely instance that `openPostgres` made: for a transaction on a client of its own. */
export function poolOf(q: Kysely<Database>): pg.Pool {
  const pool = pools.get(q);
  if (!pool) throw new Error('poolOf: not a database openPostgres opened');
  return pool;
}

/** A Kysely instance on one client (inside its transaction), for the builders' `execute()`. */
export function onClient(client: pg.PoolClient): Kysely<Database> {
  const pool = {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
}

/** A pool on DATABASE_URL, checked with one connection: a wrong or unreachable URL stops here, said plainly. */
export async function openPostgres(url: string): Promise<Kysely<Database>> {
  const parsed = parse(url);
  const driver = await loadPg();
  // Keep-alive: a peer gone without a word (a network cut) is noticed, and its connection's lock released.
  const pool = new driver.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // An idle client's error (the server restarted) must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUrlError(
      `DATABASE_URL (${redactedUrl(url)}): cannot connect: ${reasonOf(error, parsed)}`,
    );
  }
  const q = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(q, pool);
  return q;
}

/** A PostgreSQL client program: the newest installed server version's (pg_dump must not be older). */
function pgProgram(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin', name) : name;
}

/**
 * `pg_dump` in its custom format (one consistent snapshot: safe while servers write), then read back with
 * `pg_restore --list`; answers how many tables' data it holds. The password goes by PGPASSWORD, not on the
 * command line where `ps` would show it. A failed dump leaves no file.
 */
export function dumpPostgres(url: string, out: string): number {
  const parsed = parse(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const dump = spawnSync(
    pgProgram('pg_dump'),
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${parsed.toString()}`],
    { env, encoding: 'utf8' },
  );
  if (dump.error || dump.status !== 0) {
    rmSync(out, { force: true });
    const reason = dump.error ? dump.error.message : dump.stderr.trim();
    throw new Error(`pg_dump of ${redactedUrl(url)} failed: ${reason}`);
  }
  const list = spawnSync(pgProgram('pg_restore'), ['--list', out], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`the backup ${out} cannot be read back: ${list.stderr.trim()}`);
  return list.stdout.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
}

/** A new, empty database beside the one of `url` (which may create databases); its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const admin = await openPostgres(url);
  try {
    await sql`create database ${sql.id(name)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const at = new URL(url);
  at.pathname = `/${name}`;
  return at.toString();
}

/** Drops the database `name` beside the one of `url`, closing its connections. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = await openPostgres(url);
  try {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  } finally {
    await admin.destroy();
  }
}
