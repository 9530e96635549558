// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { createLogger } from '../logger';
import { startServer } from '../server';
import { runCli } from './cli';
import { appliedVersions, DatabaseTooNewError, KNOWN_VERSIONS, migrate, openDb } from './database';
import { DatabaseUrlError, openPostgres } from './postgres';
import type { Database } from './schema';
import { TABLES_IN_ORDER } from './table-store';
import { throwawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

// PostgreSQL: the connection and its errors, the migrations, the seed and the backup, on a real PostgreSQL 15
// started for this file (scripts/postgres.mjs: installed with apt-get when missing, its own folder and port).

let pg: ThrowawayPostgres;
beforeAll(() => {
  pg = throwawayPostgres();
}, 300_000);
afterAll(() => pg?.stop());
const freshDatabase = (name: string) => pg.database(name);

describe('migrations on PostgreSQL', () => {
  it('creates every table with its keys and indexes, and applies nothing twice', async () => {
    const url = await freshDatabase('migrated');
    const lines: string[] = [];
    await runCli(['migrate'], { DATABASE_URL: url }, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(new RegExp(`applied 0001-initial, .*${KNOWN_VERSIONS.at(-1)!}`));
    await runCli(['migrate'], { DATABASE_URL: url }, (line) => lines.push(line));
    expect(lines.at(-1)).toMatch(new RegExp(`up to date at ${KNOWN_VERSIONS.at(-1)!}`));

    const q = await openPostgres(url);
    try {
      expect(await appliedVersions(q)).toEqual(KNOWN_VERSIONS);
      const tables = (await q.introspection.getTables()).map((t) => t.name);
      for (const table of ['merchants', 'stores', 'users', 'sessions', 'terminals', 'transactions']) {
        expect(tables).toContain(table);
      }
      const terminals = (await q.introspection.getTables()).find((t) => t.name === 'terminals')!;
      expect(terminals.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining(['password_set', 'store_rank', 'heartbeat_phase', 'locked_until']),
      );
      const indexes = await sql<{ indexname: string; indexdef: string }>`
        select indexname, indexdef from pg_indexes where tablename = 'transactions'`.execute(q);
      const def = (name: string) => indexes.rows.find((r) => r.indexname === name)?.indexdef ?? '';
      // The RRN's tail as PostgreSQL spells it, and the partial index of voidable sales.
      expect(def('transactions_by_rrn_tail')).toMatch(/"?right"?\(rrn, 6\)/);
      expect(def('transactions_voidable')).toMatch(/WHERE .*type.*'sale'.*outcome.*'approved'.*voided = 0/);

      // Instants and counts come back as numbers, as from SQLite.
      await q
        .insertInto('merchants')
        .values({ id: 'M1', seq: 1, name: '示例商户', phone: '13800000000', payout_mode: 'T1' })
        .execute();
      const count = await q
        .selectFrom('merchants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      expect(count?.n).toBe(1);
    } finally {
      await q.destroy();
    }
  });

  it('refuses a database a newer release migrated', async () => {
    const url = await freshDatabase('newer');
    const q = await openPostgres(url);
    try {
      await migrate(q);
      await q
        .insertInto('kysely_migration' as never)
        .values({ name: '9999-future', timestamp: 'now' } as never)
        .execute();
      await expect(migrate(q, 'The database')).rejects.toThrow(DatabaseTooNewError);
      await expect(migrate(q, 'The database')).rejects.toThrow(/9999-future, newer than this code knows/);
    } finally {
      await q.destroy();
    }
  });
});

describe('copying an SQLite database into PostgreSQL', () => {
  it('copies every row, refuses a target that holds rows, and leaves nothing half-copied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acquirer-copy-'));
    try {
      const file = path.join(dir, 'demo.db');
      const env = { SERVER_SECRET: 'copy-test-secret-0123456789abcdef', SCRYPT_COST: '10' };
      await runCli(['seed', '--scenario', 'demo', '--db', file], env, () => {});
      const url = await freshDatabase('copied');
      const lines: string[] = [];
      await runCli(['copy', '--from', file], { ...env, DATABASE_URL: url }, (line) => lines.push(line));
      expect(lines.at(-1)).toMatch(/demo\.db → postgres:\/\/app@.*\/copied_[0-9a-f]+: \d+ rows in \d+ ms/);

      const source = openDb(file);
      const q = await openPostgres(url);
      try {
        for (const table of TABLES_IN_ORDER) {
          const count = (db: Kysely<Database>) =>
            db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow();
          expect((await count(q)).n, table).toBe(Number((await count(source.q)).n));
        }
        const sale = await q
          .selectFrom('transactions')
          .selectAll()
          .orderBy('id')
          .limit(1)
          .executeTakeFirstOrThrow();
        const original = source.first(
          source.q.selectFrom('transactions').selectAll().where('id', '=', sale.id),
        );
        expect(sale).toEqual(original);
        // Into a database that holds rows: refused, nothing changed.
        await expect(
          runCli(['copy', '--from', file], { ...env, DATABASE_URL: url }, () => {}),
        ).rejects.toThrow(/the target's meta already holds rows/);
      } finally {
        await q.destroy();
        await source.close();
      }

      // A clash in a late table undoes the tables copied before it.
      const clash = await freshDatabase('clash');
      const target = await openPostgres(clash);
      try {
        await migrate(target);
        await target
          .insertInto('login_throttles')
          .values({ key: 'x', failures: 1, until: null, since: null })
          .execute();
        await expect(
          runCli(['copy', '--from', file], { ...env, DATABASE_URL: clash }, () => {}),
        ).rejects.toThrow(/login_throttles already holds rows/);
        const merchants = await target
          .selectFrom('merchants')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(merchants.n).toBe(0);
      } finally {
        await target.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('a wrong or unreachable DATABASE_URL', () => {
  it('says what is wrong, naming the variable, never the password', async () => {
    const port = await freePort();
    const nobody = `postgres://app:s3cret-pw@127.0.0.1:${port}/postgres`;
    const failure = openPostgres(nobody);
    await expect(failure).rejects.toThrow(DatabaseUrlError);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^DATABASE_URL \\(postgres://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/postgres\\): cannot connect: nothing accepts connections at 127\\.0\\.0\\.1:${port}$`,
      ),
    );
    await expect(failure).rejects.not.toThrow(/s3cret-pw/);

    const missing = new URL(pg.url);
    missing.pathname = '/no_such_db';
    await expect(openPostgres(missing.toString())).rejects.toThrow(/the database no_such_db does not exist/);
    const stranger = new URL(pg.url);
    stranger.username = 'stranger';
    await expect(openPostgres(stranger.toString())).rejects.toThrow(/user stranger may not connect/);
    await expect(openPostgres('localhost:5432/db')).rejects.toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
    await expect(openPostgres('not a url')).rejects.toThrow(/DATABASE_URL is not a URL/);
  });

  it('stops the migrate command and the server with that message, never with the password', async () => {
    const port = await freePort();
    const unreachable = `postgres://app:hunter2-secret@127.0.0.1:${port}/x`;
    await expect(runCli(['migrate'], { DATABASE_URL: unreachable }, () => {})).rejects.toThrow(
      /DATABASE_URL .*cannot connect: nothing accepts connections/,
    );
    const start = (env: Record<string, string>) =>
      startServer(
        readConfig(['--port', '0', '--db', ':memory:'], env),
        createLogger(() => {}, 'silent'),
      );
    const secret = 'postgres-test-secret-0123456789abcdef';
    const refused = await start({ DATABASE_URL: unreachable, SERVER_SECRET: secret }).catch((e: Error) => e);
    expect(String(refused)).toMatch(
      /DATABASE_URL \(postgres:\/\/app:\*\*\*@.*cannot connect: nothing accepts/,
    );
    expect(String(refused)).not.toContain('hunter2');
    // Several processes share the database, not a `.secret` file: the pepper must be given.
    await expect(start({ DATABASE_URL: pg.url })).rejects.toThrow(
      /DATABASE_URL is set but SERVER_SECRET is not/,
    );
    await expect(runCli(['seed'], { DATABASE_URL: pg.url }, () => {})).rejects.toThrow(
      /db:seed on PostgreSQL needs SERVER_SECRET/,
    );
  });
});

describe('db:seed and db:backup on PostgreSQL', () => {
  const env = (url: string) => ({
    DATABASE_URL: url,
    SERVER_SECRET: 'postgres-test-secret-0123456789abcdef',
  });
  const counts = async (url: string) => {
    const q = await openPostgres(url);
    try {
      const list: Record<string, number> = {};
      for (const table of TABLES_IN_ORDER) {
        const row = await q
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        list[table] = Number(row.n);
      }
      return list;
    } finally {
      await q.destroy();
    }
  };

  it(
    'seeds a scenario, refuses to seed over data without --replace, and backs up what pg_restore restores',
    { timeout: 60_000 },
    async () => {
      const url = await freshDatabase('seeded');
      const said: string[] = [];
      await runCli(['seed', '--scenario', 'demo'], env(url), (line) => said.push(line));
      expect(said.at(-1)).toMatch(
        /seeded demo \(seed merchant-console\): \d+ merchants, \d+ terminals, .*copied in/,
      );
      const seeded = await counts(url);
      expect(seeded.terminals).toBeGreaterThan(10);
      expect(seeded.transactions).toBeGreaterThan(100);
      await expect(runCli(['seed'], env(url), () => {})).rejects.toThrow(/already holds data; add --replace/);
      await runCli(['seed', '--scenario', 'empty', '--replace'], env(url), () => {});
      const replaced = await counts(url);
      expect(replaced.terminals).toBeLessThan(seeded.terminals!);

      const dir = mkdtempSync(path.join(tmpdir(), 'pg-backup-'));
      try {
        const out = path.join(dir, 'acquirer.dump');
        await runCli(['backup', '--out', out], env(url), (line) => said.push(line));
        expect(said.at(-1)).toMatch(
          /backed up to .*acquirer\.dump \(pg_dump custom format, \d+ tables, pg_restore --list ok\)/,
        );
        await expect(runCli(['backup', '--out', out], env(url), () => {})).rejects.toThrow(
          /exists; give a new file/,
        );
        // Restored as docs/operations/backups.md says, into a new database: the same rows.
        const restored = await freshDatabase('restored');
        const target = new URL(restored);
        const result = spawnSync(
          'pg_restore',
          ['--no-owner', '--no-privileges', `--dbname=${target.toString()}`, out],
          {
            encoding: 'utf8',
          },
        );
        expect(result.status, result.stderr).toBe(0);
        expect(await counts(restored)).toEqual(replaced);
        const q = await openPostgres(restored);
        try {
          expect(await appliedVersions(q)).toEqual(KNOWN_VERSIONS);
        } finally {
          await q.destroy();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('says why a backup failed, without the password', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-backup-'));
    try {
      const out = path.join(dir, 'x.dump');
      const failed = await runCli(
        ['backup', '--out', out],
        { DATABASE_URL: `postgres://app:hunter2-secret@127.0.0.1:${port}/x` },
        () => {},
      ).catch((e: Error) => e);
      expect(String(failed)).toMatch(
        /pg_dump of postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/x failed: .*(refused|connect)/,
      );
      expect(String(failed)).not.toContain('hunter2');
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
