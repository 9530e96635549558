// @vitest-environment node
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '@acquirer/clock';
import { ACCOUNT_SEEDS } from '@acquirer/data/accounts';
import { MERCHANT_A } from '@acquirer/data/demo-fixtures';
import { transactionId } from '@acquirer/data/generate';
import { saltedHash } from '@acquirer/hash';
import { type Db, migrate, openDb } from './database';
import { seedXlarge, type XlargeReport } from './seed-xlarge';
import { sqlLedger } from './sql-ledger';
import { loadState } from './table-store';

const NOW = Date.UTC(2026, 11, 7, 6, 30);
let dir: string;
let db: Db;
let report: XlargeReport;
const lines: string[] = [];

const one = <T>(sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-xlarge-'));
  db = openDb(path.join(dir, 'xlarge.db'));
  await migrate(db);
  report = await seedXlarge(db, {
    seed: 'test',
    now: NOW,
    terminals: 400,
    transactions: 8000,
    scratchDir: dir,
    log: (line) => lines.push(line),
  });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the streamed xlarge seed (small)', () => {
  it('writes the terminals and transactions asked for, across many merchants, and says so', () => {
    expect(count('SELECT count(*) n FROM terminals')).toBe(400);
    expect(report.terminals).toBe(400);
    const transactions = count('SELECT count(*) n FROM transactions');
    expect(transactions).toBe(report.transactions);
    expect(transactions).toBeGreaterThanOrEqual(8000);
    expect(transactions).toBeLessThan(8000 * 1.05);
    expect(count('SELECT count(*) n FROM merchants')).toBe(report.merchants);
    expect(report.merchants).toBeGreaterThan(10);
    expect(count('SELECT count(*) n FROM stores')).toBe(report.stores);
    expect(count('SELECT count(DISTINCT merchant_id) n FROM terminals')).toBe(report.merchants);
    expect(count('SELECT count(DISTINCT tid) n FROM transactions')).toBeGreaterThan(350);
    expect(lines.at(-1)).toMatch(/committed/);
    // The scratch file is gone.
    expect(readdirSync(dir).filter((name) => name.startsWith('xlarge-seed-'))).toEqual([]);
  });

  it('numbers the transactions as the generator does: seq 0 and its id are the newest', () => {
    const { min, max, distinct } = one<{ min: number; max: number; distinct: number }>(
      'SELECT min(seq) min, max(seq) max, count(DISTINCT seq) "distinct" FROM transactions',
    );
    expect([min, max, distinct]).toEqual([0, report.transactions - 1, report.transactions]);
    expect(count('SELECT count(*) n FROM transactions WHERE id != ? AND seq = 0', transactionId(0))).toBe(0);
    const last = report.transactions - 1;
    expect(one<{ id: string }>('SELECT id FROM transactions WHERE seq = ?', last).id).toBe(
      transactionId(last),
    );
    expect(
      count(
        'SELECT count(*) n FROM transactions a JOIN transactions b ON b.seq = a.seq + 1 WHERE b.created_at > a.created_at',
      ),
    ).toBe(0);
    const { oldest, newest } = one<{ oldest: number; newest: number }>(
      'SELECT min(created_at) oldest, max(created_at) newest FROM transactions',
    );
    expect(newest).toBeLessThanOrEqual(NOW);
    expect(oldest).toBeGreaterThan(NOW - 31 * DAY);
    expect(oldest).toBeLessThan(NOW - 25 * DAY);
  });

  it('voids point at an earlier, voided sale of the same terminal; nothing else has an original', () => {
    const voids = count("SELECT count(*) n FROM transactions WHERE type = 'void'");
    expect(voids).toBe(report.voids);
    expect(voids).toBeGreaterThan(0);
    expect(
      count(
        `SELECT count(*) n FROM transactions v LEFT JOIN transactions o ON o.id = v.original_id
         WHERE v.type = 'void' AND (o.id IS NULL OR o.type != 'sale' OR o.tid != v.tid
           OR o.created_at >= v.created_at OR o.seq <= v.seq OR o.voided != 1 OR o.amount_fen != v.amount_fen)`,
      ),
    ).toBe(0);
    expect(count("SELECT count(*) n FROM transactions WHERE type = 'sale' AND original_id IS NOT NULL")).toBe(
      0,
    );
    expect(count('SELECT count(*) n FROM transactions WHERE voided = 1')).toBe(voids);
    expect(count('SELECT count(DISTINCT original_id) n FROM transactions')).toBe(voids);
  });

  it('looks like the generator’s: trace numbers, RRNs, card last 4', () => {
    expect(
      count(
        `SELECT count(*) n FROM transactions WHERE length(trace_no) != 6 OR length(rrn) != 12
           OR (method LIKE 'card%') != (card_last4 IS NOT NULL)`,
      ),
    ).toBe(0);
    expect(count('SELECT count(DISTINCT card_last4) n FROM transactions')).toBeGreaterThan(1000);
  });

  it('holds its foreign keys', () => {
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('has the demo accounts with their merchants, and loads as a state', async () => {
    for (const seed of ACCOUNT_SEEDS) {
      const user = one<{ password_salt: string; password_hash: string; role: string }>(
        'SELECT * FROM users WHERE username_key = ?',
        seed.username,
      );
      expect(user.role).toBe(seed.role);
      expect(user.password_hash).toBe(saltedHash(user.password_salt, seed.password));
    }
    expect(
      count(
        "SELECT count(*) n FROM terminals WHERE merchant_id = (SELECT merchant_id FROM user_merchants WHERE user_id = 'usr_owner')",
      ),
    ).toBe(Math.round(400 * 0.07));
    const loaded = await loadState(db);
    expect(loaded?.state.world.terminals).toHaveLength(400);
    // Sales stay in their table (decision 017): the ledger reads them.
    expect(loaded?.state.world.transactions).toEqual([]);
    const ledger = sqlLedger(db, () => loaded!.state.world);
    expect((await ledger.totals({ merchantIds: null })).count).toBe(report.transactions);
    expect(loaded?.state.userByName.get('owner')?.merchantIds).toEqual([MERCHANT_A]);
    expect(loaded?.state.commands.size).toBe(report.commands);
  });

  it('replaces what the database held (`db:seed --replace`)', async () => {
    const again = await seedXlarge(db, {
      seed: 'again',
      now: NOW,
      terminals: 50,
      transactions: 500,
      scratchDir: dir,
    });
    expect(count('SELECT count(*) n FROM terminals')).toBe(50);
    expect(count('SELECT count(*) n FROM transactions')).toBe(again.transactions);
    expect(count('SELECT count(*) n FROM users')).toBe(ACCOUNT_SEEDS.length);
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
