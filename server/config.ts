import { z } from 'zod/mini';
import { englishIssues } from '@acquirer/zod-english';
import { MockScenario } from '@contract/schemas/mock-control';

export interface ServerConfig {
  port: number;
  host: string;
  dbPath: string;
  /** PostgreSQL instead of the SQLite file (issue 15); so far only `npm run db:migrate` uses it. */
  databaseUrl: string | null;
  sandbox: boolean;
  staticDir: string | null;
  scenario: MockScenario;
  seed: string;
  secret: string | null;
  scryptCost: number;
  /** Password/PIN hashes computed at once (0: the cores but one). */
  kdfConcurrency: number;
  /** `NORMAL` survives a crash of the process, not of the machine. */
  synchronous: 'FULL' | 'NORMAL';
  trustProxy: boolean;
  maxBodyBytes: number;
  logLevel: 'info' | 'silent';
  /** Between heartbeats of an idle live stream, and checks that its session is still on (tests shorten it). */
  liveHeartbeatMs?: number;
}

const Flag = z.pipe(
  z.enum(['1', '0', 'true', 'false', 'on', 'off', '']),
  z.transform((v) => v === '1' || v === 'true' || v === 'on'),
);

const Env = z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 8080),
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  DB_PATH: z._default(z.string().check(z.minLength(1)), 'data/acquirer.db'),
  DATABASE_URL: z.optional(z.string().check(z.minLength(1))),
  SANDBOX: z._default(Flag, false),
  STATIC_DIR: z.optional(z.string().check(z.minLength(1))),
  SCENARIO: z._default(MockScenario, 'demo'),
  SEED: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'merchant-console'),
  SERVER_SECRET: z.optional(z.string().check(z.minLength(32, 'SERVER_SECRET needs at least 32 characters'))),
  SCRYPT_COST: z._default(z.coerce.number().check(z.int(), z.minimum(10), z.maximum(20)), 14),
  KDF_CONCURRENCY: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(64)), 0),
  SQLITE_SYNCHRONOUS: z._default(z.enum(['FULL', 'NORMAL']), 'FULL'),
  TRUST_PROXY: z._default(Flag, false),
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.minimum(1024)), 512 * 1024),
  LOG_LEVEL: z._default(z.enum(['info', 'silent']), 'info'),
});

export class ServerConfigError extends Error {}

export function readConfig(argv: readonly string[], env: Record<string, string | undefined>): ServerConfig {
  const merged: Record<string, string | undefined> = { ...env };
  const valued: Record<string, string> = {
    '--port': 'PORT',
    '--host': 'HOST',
    '--db': 'DB_PATH',
    '--static': 'STATIC_DIR',
    '--scenario': 'SCENARIO',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--sandbox') merged.SANDBOX = '1';
    else if (valued[arg] && argv[i + 1] !== undefined) merged[valued[arg]] = argv[++i];
    else throw new ServerConfigError(`Unknown argument ${arg}`);
  }
  const picked = Object.fromEntries(Object.keys(Env.shape).map((key) => [key, merged[key]]));
  const parsed = Env.safeParse(picked, englishIssues);
  if (!parsed.success) {
    throw new ServerConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: e.DB_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    sandbox: e.SANDBOX,
    staticDir: e.STATIC_DIR ?? null,
    scenario: e.SCENARIO,
    seed: e.SEED,
    secret: e.SERVER_SECRET ?? null,
    scryptCost: e.SCRYPT_COST,
    kdfConcurrency: e.KDF_CONCURRENCY,
    synchronous: e.SQLITE_SYNCHRONOUS,
    trustProxy: e.TRUST_PROXY,
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
  };
}
