import { z } from 'zod';
import { MockScenario } from '@/api/schemas/mock-control';

/** How the acquirer server runs: command-line flags win over environment variables. */
export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file; `:memory:` keeps nothing (tests). */
  dbPath: string;
  /** Serves the `/__mock/*` control surface (e2e, demos); without it those paths are 404. */
  sandbox: boolean;
  /** Built app to serve on the same origin (SPA fallback to index.html); `null`: API only. */
  staticDir: string | null;
  scenario: MockScenario;
  seed: string;
  /** Pepper and MAC key; `null`: read or create `<dbPath>.secret` (or random for `:memory:`). */
  secret: string | null;
  /** log2 of scrypt's N (cost) for passwords and PINs. */
  scryptCost: number;
  /** `FULL` (default): each commit is fsynced before the answer; `NORMAL`: survives a crash of the process, not of the machine. */
  synchronous: 'FULL' | 'NORMAL';
  /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy in front. */
  trustProxy: boolean;
  /** Largest request body accepted (413 beyond). */
  maxBodyBytes: number;
  /** `silent` turns the request log off (load runs). */
  logLevel: 'info' | 'silent';
}

const Flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'on');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DB_PATH: z.string().min(1).default('data/acquirer.db'),
  SANDBOX: Flag.default(false),
  STATIC_DIR: z.string().min(1).optional(),
  SCENARIO: MockScenario.default('demo'),
  SEED: z.string().min(1).max(64).default('merchant-console'),
  SERVER_SECRET: z.string().min(32, 'SERVER_SECRET needs at least 32 characters').optional(),
  SCRYPT_COST: z.coerce.number().int().min(10).max(20).default(14),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  TRUST_PROXY: Flag.default(false),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024),
  LOG_LEVEL: z.enum(['info', 'silent']).default('info'),
});

export class ServerConfigError extends Error {}

/** Flags: `--sandbox`, `--port N`, `--host H`, `--db PATH`, `--static DIR`, `--scenario S`. */
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
  const parsed = Env.safeParse(picked);
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
    sandbox: e.SANDBOX,
    staticDir: e.STATIC_DIR ?? null,
    scenario: e.SCENARIO,
    seed: e.SEED,
    secret: e.SERVER_SECRET ?? null,
    scryptCost: e.SCRYPT_COST,
    synchronous: e.SQLITE_SYNCHRONOUS,
    trustProxy: e.TRUST_PROXY,
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
  };
}
