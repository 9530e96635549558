import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod/mini';
import type { SecretHasher } from '@acquirer/hash';
import { issueActivationCode } from '@acquirer/rules/terminal-protocol';
import type { SimState } from '@acquirer/state';
import { MockScenario } from '@contract/schemas/mock-control';
import { readConfig, type ServerConfig, ServerConfigError } from '../config';
import { loadSecret, scryptHasher } from '../hasher';
import { copySqliteToPostgres } from './copy';
import { appliedVersions, type Db, DatabaseTooNewError, KNOWN_VERSIONS, migrate, openDb } from './database';
import { type PasswordSource, PasswordInputError, passwordsFromStdin } from './passwords';
import { DatabaseUrlError, dumpPostgres, openPostgres, redactedUrl } from './postgres';
import {
  existingIn,
  formatProblems,
  passwordProblem,
  ProvisionRefused,
  validateFleet,
  writeFleet,
} from './provision';
import type { Database } from './schema';
import { seedXlarge } from './seed-xlarge';
import { ServerRunningError, takeServerLock } from './server-lock';
import { holdsData, lockState, replaceAllFrom } from './shared-store';
import { isEmpty, seedTables } from './table-store';

// `npm run db:<command> -- [flags]`. The database is the server's: `--db`, else DB_PATH, else
// data/acquirer.db (server/config.ts); so are SERVER_SECRET and SCRYPT_COST for the accounts' passwords.

export class UsageError extends Error {}

interface Flags {
  db?: string;
  scenario?: string;
  seed?: string;
  out?: string;
  file?: string;
  from?: string;
  /** db:seed: issue every terminal an activation code and write the codes here (terminal/, the emulator). */
  'activation-codes'?: string;
  replace: boolean;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { replace: false };
  const valued = new Set(['--db', '--scenario', '--seed', '--out', '--file', '--from', '--activation-codes']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--replace') flags.replace = true;
    else if (valued.has(arg) && argv[i + 1] !== undefined) {
      flags[arg.slice(2) as 'db' | 'scenario' | 'seed' | 'out' | 'file' | 'from' | 'activation-codes'] =
        argv[++i];
    } else throw new UsageError(`Unknown argument ${arg}`);
  }
  return flags;
}

export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  passwords: PasswordSource = passwordsFromStdin(),
): Promise<void> {
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  const config = readConfig(flags.db ? ['--db', flags.db] : [], { ...env, SCENARIO: undefined });
  const file = config.dbPath;

  if (command === 'copy') {
    if (!config.databaseUrl) throw new UsageError('copy needs DATABASE_URL: the PostgreSQL to copy into');
    const from = flags.from ?? file;
    if (!existsSync(from)) throw new UsageError(`${from} does not exist`);
    const where = redactedUrl(config.databaseUrl);
    // No server may write the file meanwhile.
    const lock = takeServerLock(from, 'npm run db:copy');
    const source = openDb(from);
    let target: Kysely<Database> | null = null;
    try {
      await migrate(source);
      target = await openPostgres(config.databaseUrl);
      await migrate(target, `The database at ${where}`);
      const report = await copySqliteToPostgres(source, target, print);
      const total = Object.values(report.rows).reduce((sum, n) => sum + n, 0);
      print(`${from} → ${where}: ${total} rows in ${report.ms} ms`);
    } finally {
      await target?.destroy();
      await source.close();
      lock.release();
    }
    return;
  }

  if (config.databaseUrl) {
    await onPostgres(command, flags, config, print);
    return;
  }

  if (command === 'migrate') {
    const lock = takeServerLock(file, 'npm run db:migrate');
    const db = openDb(file);
    try {
      print(await migrateAndSay(db, file));
    } finally {
      await db.close();
      lock.release();
    }
    return;
  }

  if (command === 'seed') {
    const scenario = scenarioOf(flags);
    const seed = flags.seed ?? config.seed;
    const lock = takeServerLock(file, 'npm run db:seed');
    const db = openDb(file);
    try {
      await migrate(db);
      if (!isEmpty(db) && !flags.replace) {
        throw new UsageError(`${file} already holds data; add --replace to overwrite it`);
      }
      const hasher = scryptHasher(loadSecret(config.secret, file), config.scryptCost);
      print(`${file}: ${await seedInto(db, scenario, seed, hasher, print, flags['activation-codes'])}`);
    } finally {
      await db.close();
      lock.release();
    }
    return;
  }

  if (command === 'provision') {
    if (!flags.file) throw new UsageError('provision needs --file FLEET.csv');
    const csv = readFileSync(flags.file, 'utf8');
    const lock = takeServerLock(file, 'npm run db:provision');
    const db = openDb(file);
    try {
      await migrate(db);
      const existing = existingIn(db);
      const { fleet, problems } = validateFleet(csv, existing);
      if (problems.length > 0) throw new ProvisionRefused(problems);
      const secrets = await passwords(fleet.users, passwordProblem);
      const hasher = scryptHasher(loadSecret(config.secret, file), config.scryptCost);
      const added = await writeFleet(db, fleet, secrets, hasher, Date.now(), existing);
      print(
        `${file}: added ${added.merchants} merchants, ${added.stores} stores, ${added.users} users, ` +
          `${added.terminals} terminals (all on the factory void password)`,
      );
    } finally {
      await db.close();
      lock.release();
    }
    return;
  }

  if (command === 'backup') {
    if (!flags.out) throw new UsageError('backup needs --out FILE');
    if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
    const out = path.resolve(flags.out);
    if (existsSync(out)) throw new UsageError(`${out} exists; give a new file`);
    await backupDatabase(file, out);
    print(`${file}: backed up to ${out} (integrity_check ok)`);
    return;
  }

  throw new UsageError(`Unknown command ${command ?? ''}; use migrate, seed, provision, backup or copy`);
}

// `xlarge` is the server's only: too big for the browser's mock, so not one of its scenarios.
function scenarioOf(flags: Flags): MockScenario | 'xlarge' {
  const scenario = z.union([MockScenario, z.literal('xlarge')]).safeParse(flags.scenario ?? 'demo');
  if (!scenario.success)
    throw new UsageError(`--scenario must be one of ${[...MockScenario.options, 'xlarge'].join(', ')}`);
  return scenario.data;
}

/** Seeds an empty (or emptied) SQLite database; says what it wrote. */
async function seedInto(
  db: Db,
  scenario: MockScenario | 'xlarge',
  seed: string,
  hasher: SecretHasher,
  print: (line: string) => void,
  codesFile?: string,
): Promise<string> {
  const started = performance.now();
  if (codesFile && scenario === 'xlarge') {
    throw new UsageError('--activation-codes is for the demo-sized scenarios, not xlarge');
  }
  if (codesFile && existsSync(codesFile)) throw new UsageError(`${codesFile} exists; give a new file`);
  if (scenario === 'xlarge') {
    const report = await seedXlarge(db, { seed, now: Date.now(), hasher, log: print });
    return (
      `seeded xlarge (seed ${seed}): ${report.merchants} merchants, ${report.stores} stores, ` +
      `${report.terminals} terminals, ${report.transactions} transactions (${report.voids} voids), ` +
      `${report.commands} queued resets, ${report.users} users in ${report.ms} ms`
    );
  }
  const state = await seedTables(db, { scenario, seed, now: Date.now(), hasher });
  const { world } = state;
  const codes = codesFile ? writeActivationCodes(db, state, codesFile) : 0;
  return (
    `seeded ${scenario} (seed ${seed}): ${world.merchants.length} merchants, ` +
    `${world.terminals.length} terminals, ${world.transactions.length} transactions, ` +
    `${state.users.length} users in ${Math.round(performance.now() - started)} ms` +
    (codes > 0 ? `; ${codes} activation codes in ${codesFile} (for the terminal emulator only)` : '')
  );
}

/**
 * The commands on PostgreSQL (`DATABASE_URL`). A seed is generated into an SQLite scratch file and copied in
 * under the state lock, so running servers load it at their next request; a backup is `pg_dump`'s.
 */
async function onPostgres(
  command: string | undefined,
  flags: Flags,
  config: ServerConfig,
  print: (line: string) => void,
): Promise<void> {
  const url = config.databaseUrl!;
  const where = redactedUrl(url);
  if (command === 'backup') {
    if (!flags.out) throw new UsageError('backup needs --out FILE');
    const out = path.resolve(flags.out);
    if (existsSync(out)) throw new UsageError(`${out} exists; give a new file`);
    const tables = dumpPostgres(url, out);
    print(`${where}: backed up to ${out} (pg_dump custom format, ${tables} tables, pg_restore --list ok)`);
    return;
  }
  if (command !== 'migrate' && command !== 'seed') {
    throw new UsageError(
      `db:${command ?? ''} works on the SQLite file only so far; unset DATABASE_URL (or run it on a file ` +
        'and move it over with db:copy)',
    );
  }
  if (command === 'seed' && !config.secret) {
    throw new UsageError('db:seed on PostgreSQL needs SERVER_SECRET, the one its servers hash with');
  }
  const q = await openPostgres(url);
  try {
    if (command === 'migrate') {
      print(await migrateAndSay(q, where));
      return;
    }
    await migrate(q, `The database at ${where}`);
    const scenario = scenarioOf(flags);
    const hasher = scryptHasher(config.secret!, config.scryptCost);
    // On disk: xlarge's 2,000,000 sales are more than memory should hold.
    const dir = mkdtempSync(path.join(tmpdir(), 'acquirer-seed-'));
    const scratch = openDb(path.join(dir, 'seed.db'), 'NORMAL');
    try {
      await migrate(scratch);
      const said = await seedInto(
        scratch,
        scenario,
        flags.seed ?? config.seed,
        hasher,
        print,
        flags['activation-codes'],
      );
      await q
        .transaction()
        .setIsolationLevel('read committed')
        .execute(async (tx) => {
          await lockState(tx);
          if ((await holdsData(tx)) && !flags.replace) {
            throw new UsageError(`${where} already holds data; add --replace to overwrite it`);
          }
          await sql`set local synchronous_commit = off`.execute(tx);
          await replaceAllFrom(tx, scratch, print);
        });
      await sql`vacuum analyze`.execute(q);
      print(`${where}: ${said}, copied in`);
    } finally {
      await scratch.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await q.destroy();
  }
}

/** Applies what is pending and says what changed, naming the database as `where`. */
async function migrateAndSay(db: Db | Kysely<Database>, where: string): Promise<string> {
  const before = await appliedVersions(db);
  const { applied } = await migrate(db, `The database ${where}`);
  return applied.length > 0
    ? `${where}: applied ${applied.join(', ')} (schema now at ${KNOWN_VERSIONS.at(-1)})`
    : `${where}: up to date at ${before.at(-1) ?? 'nothing'}`;
}

/** SQLite's online backup: consistent while the server writes; the copy is checked before it counts. */
export async function backupDatabase(file: string, out: string): Promise<void> {
  const source = new BetterSqlite3(file, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // All the pages in one step after the first: a write landing between two steps restarts the copy, so
    // small steps under steady writes might never finish. A WAL reader blocks no writer meanwhile.
    await source.backup(out, { progress: ({ totalPages }) => Math.max(100, totalPages) });
  } finally {
    source.close();
  }
  const copy = new BetterSqlite3(out, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`the backup ${out} fails integrity_check: ${String(result)}`);
  } finally {
    copy.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'cli.ts')) {
  runCli(process.argv.slice(2), process.env).catch((error: unknown) => {
    if (error instanceof ProvisionRefused) {
      for (const line of formatProblems(error.problems)) console.error(line);
      process.exit(1);
    }
    if (
      error instanceof UsageError ||
      error instanceof ServerConfigError ||
      error instanceof DatabaseTooNewError ||
      error instanceof PasswordInputError ||
      error instanceof DatabaseUrlError ||
      error instanceof ServerRunningError
    ) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/**
 * One activation code per terminal, for the emulator (`npm run terminals -- --codes FILE`): the database keeps
 * their hashes, the file (owner-only) the codes. A terminal that activates with one checks in itself from then.
 */
function writeActivationCodes(db: Db, state: SimState, file: string): number {
  const now = Date.now();
  const codes = state.world.terminals.map((terminal) => ({
    tid: terminal.tid,
    merchantId: terminal.merchantId,
    // What the emulator reports at its first check-in, as the real terminal would.
    model: terminal.model,
    firmware: terminal.firmware,
    activationCode: issueActivationCode(state, terminal, now),
  }));
  for (const terminal of state.world.terminals) {
    db.run(
      db.q
        .updateTable('terminals')
        .set({ link: JSON.stringify(terminal.link) })
        .where('tid', '=', terminal.tid),
    );
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ codes }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return codes.length;
}
