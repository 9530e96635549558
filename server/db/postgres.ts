import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

// PostgreSQL (issue 15), through the same Kysely query layer as SQLite. What works on it so far: the
// connection with its errors, and the migrations (`npm run db:migrate` with DATABASE_URL). The server still
// runs on SQLite only.

// Instants are epoch milliseconds in `bigint`, counts are `bigint`, sums `numeric`: as numbers, like SQLite
// gives them (all well within 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

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

/** A pool on DATABASE_URL, checked with one connection: a wrong or unreachable URL stops here, said plainly. */
export async function openPostgres(url: string): Promise<Kysely<Database>> {
  const parsed = parse(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
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
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
