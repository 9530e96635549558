// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERCHANT_A } from '@acquirer/data/demo-fixtures';
import { generateWorld } from '@acquirer/data/generate';
import { eachMatch } from '@acquirer/ledger';
import { createState } from '@acquirer/state';
import type { TransactionRecord } from '@acquirer/types';
import { runCli } from './cli';
import { DatabaseTooNewError, KNOWN_VERSIONS, MIGRATIONS, migrate, openDb } from './database';
import * as rows from './rows';
import { sqlAuditTrail } from './sql-audit';
import { sqlLedger } from './sql-ledger';
import { isEmpty, loadState, seedTables } from './table-store';

const NOW = Date.parse('2026-03-02T06:00:00Z');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-db-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileIn = (name: string) => path.join(dir, name);

describe('migrations', () => {
  it('creates every table on a new database, and applies nothing the second time', async () => {
    const db = openDb(fileIn('migrate.db'));
    expect(await migrate(db)).toEqual({ applied: KNOWN_VERSIONS, current: KNOWN_VERSIONS.at(-1) });
    expect(await migrate(db)).toEqual({ applied: [], current: KNOWN_VERSIONS.at(-1) });
    const tables = (
      db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    for (const table of ['merchants', 'terminals', 'transactions', 'password_commands', 'audit_events']) {
      expect(tables).toContain(table);
    }
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await db.close();
  });

  it('refuses a database a newer release has migrated, naming both versions', async () => {
    const file = fileIn('newer.db');
    const db = openDb(file);
    await migrate(db);
    db.sqlite
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('0099-from-the-future', new Date().toISOString());
    const error = await migrate(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).message).toContain('0099-from-the-future');
    expect((error as Error).message).toContain(`up to ${KNOWN_VERSIONS.at(-1)}`);
    await db.close();

    const lines: string[] = [];
    await expect(runCli(['migrate', '--db', file], {}, (l) => lines.push(l))).rejects.toThrow(
      /newer than this code knows/,
    );
  });
});

describe('migration 0012', () => {
  const indexesOf = (db: ReturnType<typeof openDb>) =>
    db.sqlite
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'password_commands' ORDER BY name",
      )
      .all();

  it('keeps every command, allows firmware commands, and keeps the indexes (one open command per terminal)', async () => {
    const fresh = openDb(fileIn('fresh-0012.db'));
    await migrate(fresh);
    const freshIndexes = indexesOf(fresh);
    await fresh.close();

    const db = openDb(fileIn('before-0012.db'));
    const migrator = new Migrator({ db: db.q, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    expect((await migrator.migrateTo('0011-live-events')).error).toBeUndefined();
    const commands = [
      ...createState(generateWorld({ scenario: 'demo', seed: 'm0012', now: NOW })).commands.values(),
    ];
    expect(commands.length).toBeGreaterThan(0);
    // The rows as 0011 stored them: no firmware_version. The terminals they name are not needed here.
    const before = commands.map((c, seq) => {
      const { firmware_version: _f, ...row } = rows.commandRow(c, seq);
      return row;
    });
    db.sqlite.pragma('foreign_keys = OFF');
    const insert = db.sqlite.prepare(
      `INSERT INTO password_commands (${Object.keys(before[0]!).join(', ')}) VALUES (${Object.keys(before[0]!)
        .map(() => '?')
        .join(', ')})`,
    );
    for (const row of before) insert.run(...Object.values(row));
    expect(() =>
      db.sqlite.prepare("UPDATE password_commands SET kind = 'firmware' WHERE seq = 0").run(),
    ).toThrow(/CHECK/);

    expect((await migrate(db)).applied).toEqual(['0012-firmware-commands']);
    const after = db.sqlite.prepare('SELECT * FROM password_commands ORDER BY seq').all() as Parameters<
      typeof rows.commandOf
    >[0][];
    expect(after.map(rows.commandOf)).toEqual(commands);
    expect(indexesOf(db)).toEqual(freshIndexes);
    expect(indexesOf(db).map((i) => (i as { name: string }).name)).toContain('password_commands_one_open');

    // A firmware command with its version is allowed; one without, or a second open command, is not.
    const open = after.find((r) => r.status === 'queued' || r.status === 'delivered')!;
    const columns = Object.keys(after[0]!);
    const add = db.sqlite.prepare(
      `INSERT INTO password_commands (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const firmware = { ...open, id: 'cmd_fw', seq: 9_999, kind: 'firmware', firmware_version: 'V2.0.0' };
    expect(() => add.run(firmware)).toThrow(/UNIQUE/);
    expect(() => add.run({ ...firmware, status: 'applied', firmware_version: null })).toThrow(/CHECK/);
    add.run({ ...firmware, status: 'applied' });
    await db.close();
  });
});

describe('seeded tables', () => {
  it('answer "which terminals of merchant X are still on the factory password" with one SELECT', async () => {
    const db = openDb(fileIn('factory.db'));
    await migrate(db);
    const state = await seedTables(db, { scenario: 'demo', seed: 'merchant-console', now: NOW });
    const rows = db.sqlite
      .prepare('SELECT tid FROM terminals WHERE merchant_id = ? AND password_hash IS NULL ORDER BY tid')
      .all(MERCHANT_A) as { tid: string }[];
    const expected = state.world.terminals
      .filter((t) => t.merchantId === MERCHANT_A && t.voidPassword.hash === null)
      .map((t) => t.tid)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.tid)).toEqual(expected);
    await db.close();
  });

  it.each(['demo', 'hostile', 'empty'] as const)(
    'load back as the state they were written from (%s)',
    async (scenario) => {
      const db = openDb(fileIn(`roundtrip-${scenario}.db`));
      await migrate(db);
      expect(isEmpty(db)).toBe(true);
      const indexesOf = () =>
        db.sqlite
          .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'")
          .all();
      const indexes = indexesOf();
      await seedTables(db, { scenario, seed: 'round-trip', now: NOW });
      expect(isEmpty(db)).toBe(false);
      // Built after the rows, the same as the migration made them.
      expect(indexesOf()).toEqual(indexes);
      expect(indexes.length).toBeGreaterThanOrEqual(6);
      const loaded = (await loadState(db))!.state;
      const fresh = createState(generateWorld({ scenario, seed: 'round-trip', now: NOW }));
      const { world } = loaded;
      expect(world.scenario).toBe(scenario);
      expect(world.generatedAt).toBe(NOW);
      expect(world.merchants).toEqual(fresh.world.merchants);
      expect(world.stores).toEqual(fresh.world.stores);
      expect(world.terminals).toEqual(fresh.world.terminals);
      // Sales stay in their table: read back through the ledger, in the generator's order.
      expect(world.transactions).toEqual([]);
      const ledger = sqlLedger(db, () => world);
      const sales: TransactionRecord[] = [];
      for await (const rows of eachMatch(ledger, { merchantIds: null })) sales.push(...rows);
      expect(sales.map(({ terminal, ...t }) => ({ ...t, tid: terminal.tid }))).toEqual(
        fresh.world.transactions.map(({ terminal, ...t }) => ({ ...t, tid: terminal.tid })),
      );
      expect(sales.every((t) => t.terminal === world.terminalByTid.get(t.terminal.tid))).toBe(true);
      expect([...loaded.commands.values()]).toEqual([...fresh.commands.values()]);
      expect([...loaded.openCommands].map((c) => c.id)).toEqual([...fresh.openCommands].map((c) => c.id));
      // The audit trail too: none in memory, all in the table, numbered in the order generated.
      expect(loaded.audit).toEqual([]);
      const trail = sqlAuditTrail(db);
      const all = { merchantIds: null };
      expect(await trail.count(all)).toBe(fresh.audit.length);
      const logged = (await trail.page(all, null, fresh.audit.length + 1)).sort((a, b) => a.seq - b.seq);
      expect(logged.map((e) => e.seq)).toEqual(fresh.audit.map((_, i) => i));
      expect(logged.map((e) => e.event)).toEqual(fresh.audit);
      expect(loaded.users.map(({ salt: _s, passwordHash: _h, ...u }) => u)).toEqual(
        fresh.users.map(({ salt: _s, passwordHash: _h, ...u }) => u),
      );
      await db.close();
    },
  );
});

describe('npm run db:seed', () => {
  it('writes a scenario, and refuses a database that holds data unless --replace', async () => {
    const file = fileIn('cli-seed.db');
    const env = { SERVER_SECRET: 'seed-test-secret-0123456789abcdef', SCRYPT_COST: '10' };
    const lines: string[] = [];
    await runCli(['seed', '--scenario', 'empty', '--db', file], env, (l) => lines.push(l));
    expect(lines.at(-1)).toMatch(/seeded empty/);
    await expect(runCli(['seed', '--scenario', 'demo', '--db', file], env, () => {})).rejects.toThrow(
      /already holds data; add --replace/,
    );
    await runCli(['seed', '--scenario', 'demo', '--seed', 'other', '--db', file, '--replace'], env, (l) =>
      lines.push(l),
    );
    const db = openDb(file);
    const meta = db.sqlite.prepare("SELECT value FROM meta WHERE key = 'scenario'").get() as {
      value: string;
    };
    expect(meta.value).toBe('demo');
    const users = db.sqlite.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
    expect(users.length).toBeGreaterThan(0);
    // The accounts get the server's KDF; their passwords are nowhere.
    expect(users.every((u) => u.password_hash.startsWith('scrypt$'))).toBe(true);
    await db.close();
  });
});

describe('npm run db:backup', () => {
  it('copies the database to a new file that passes integrity_check, and never over an existing one', async () => {
    const file = fileIn('cli-backup.db');
    const env = { SERVER_SECRET: 'backup-test-secret-0123456789abcdef', SCRYPT_COST: '10' };
    await runCli(['seed', '--scenario', 'demo', '--db', file], env, () => {});
    const out = fileIn('cli-backup-copy.db');
    const lines: string[] = [];
    await runCli(['backup', '--db', file, '--out', out], env, (l) => lines.push(l));
    expect(lines).toEqual([`${file}: backed up to ${out} (integrity_check ok)`]);
    const copy = openDb(out);
    const loaded = (await loadState(copy))!.state;
    expect(loaded.world.scenario).toBe('demo');
    expect(loaded.world.terminals.length).toBeGreaterThan(0);
    await copy.close();
    await expect(runCli(['backup', '--db', file, '--out', out], env, () => {})).rejects.toThrow(/exists/);
    await expect(runCli(['backup', '--db', file], env, () => {})).rejects.toThrow(/--out FILE/);
  });
});
