import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DAY, shanghaiMidnight } from '@acquirer/clock';
import {
  coreMerchants,
  merchantFleet,
  ordinarySales,
  tailMerchant,
  transactionId,
  WorldBuilder,
} from '@acquirer/data/generate';
import { fastHasher, type SecretHasher } from '@acquirer/hash';
import { createRng } from '@acquirer/random';
import { bareState, createUsers, hashUserPasswords } from '@acquirer/state';
import type { MerchantRecord, TerminalRecord } from '@acquirer/types';
import type { Db } from './database';
import { rankFleet } from './fleet-ranks';
import * as rows from './rows';
import type { Database } from './schema';
import { clearAll, insertRows } from './table-store';

// `npm run db:seed -- --scenario xlarge`: 100,000 terminals and 2,000,000 transactions, written as they are
// generated. Nothing of it is ever a World in memory: the generator's builder is drained every few thousand
// rows (WorldBuilder.drain). The transactions go first to a scratch SQLite file in generation order, then
// into `transactions` in the generator's order (newest first: seq 0 and id tx_00000 are the newest), read back
// oldest first through SQLite's external sort, so that a void's original is there before it.

export interface XlargeOptions {
  seed: string;
  now: number;
  hasher?: SecretHasher;
  /** At least this many terminals (default 100,000). */
  terminals?: number;
  /** At least this many transactions, sales and their voids (default 2,000,000). */
  transactions?: number;
  /** Days of sales back from today (default 30). */
  days?: number;
  /** Progress, a line per phase. */
  log?: (line: string) => void;
  /** Where the scratch file goes (default the OS temporary directory). */
  scratchDir?: string;
}

export interface XlargeReport {
  merchants: number;
  stores: number;
  terminals: number;
  transactions: number;
  voids: number;
  commands: number;
  users: number;
  ms: number;
}

/** Rows held before they are written; a chain's 7,000 terminals are written in a few chunks. */
const CHUNK = 10_000;
/**
 * Page cache of each connection (the database and the scratch), KiB: what the process's memory grows by as the
 * files grow (at SQLite's default 2 MB: a few % slower).
 */
const CACHE_KIB = 16 * 1024;
/** Rows per multi-row INSERT of the scratch and the transactions (16 columns: far below SQLite's 32,766). */
const BATCH = 500;

// What `meta.scenario` says: the server knows no `xlarge` (the browser's scenarios), and a sandbox reset
// regenerates `large`; `meta.size` tells them apart.
const SCENARIO = 'large';

type TransactionRow = Database['transactions'];
const TRANSACTION_COLUMNS = [
  'id',
  'seq',
  'merchant_id',
  'tid',
  'type',
  'outcome',
  'voided',
  'method',
  'amount_fen',
  'card_last4',
  'batch_no',
  'trace_no',
  'rrn',
  'operator_no',
  'created_at',
  'original_id',
] as const satisfies readonly (keyof TransactionRow)[];
// The scratch row: `seq` is the place in generation order, the original a place too; no id yet.
const SCRATCH_COLUMNS = [
  'seq',
  'merchant_id',
  'tid',
  'type',
  'outcome',
  'voided',
  'method',
  'amount_fen',
  'card_last4',
  'batch_no',
  'trace_no',
  'rrn',
  'operator_no',
  'created_at',
  'original_seq',
] as const;

/** Multi-row INSERTs of `columns` through one prepared statement per batch size. */
function batchWriter(
  sqlite: BetterSqlite3.Database,
  table: string,
  columns: readonly string[],
): { add(values: readonly unknown[]): void; flush(): void; count: number } {
  const statements = new Map<number, BetterSqlite3.Statement>();
  const statementFor = (n: number) => {
    let statement = statements.get(n);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      statement = sqlite.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`,
      );
      statements.set(n, statement);
    }
    return statement;
  };
  let pending: unknown[] = [];
  let rowsPending = 0;
  const writer = {
    count: 0,
    add(values: readonly unknown[]) {
      for (const value of values) pending.push(value);
      rowsPending++;
      writer.count++;
      if (rowsPending === BATCH) writer.flush();
    },
    flush() {
      if (rowsPending === 0) return;
      statementFor(rowsPending).run(pending);
      pending = [];
      rowsPending = 0;
    },
  };
  return writer;
}

interface FleetPlan {
  merchant: MerchantRecord;
  terminals: number;
  stores: number;
}

/**
 * Writes the xlarge world and the demo accounts into an empty (or emptied) database, in one transaction.
 * Memory stays flat: at most CHUNK generated rows are held at a time, plus SQLite's caches.
 */
export async function seedXlarge(db: Db, options: XlargeOptions): Promise<XlargeReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const hasher = options.hasher ?? fastHasher;
  const targetTerminals = options.terminals ?? 100_000;
  const targetTransactions = options.transactions ?? 2_000_000;
  const days = options.days ?? 30;
  const { now, seed } = options;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const rss = () => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB RSS`;

  // The same accounts as every scenario, hashed off the event loop before the synchronous part.
  const rng = createRng(`xlarge:${seed}`);
  const b = new WorldBuilder(rng, now);
  const users = createUsers(hasher, SCENARIO);
  await hashUserPasswords(bareState(new WorldBuilder(rng, now).build(SCENARIO, seed), users, hasher));

  const scratchDir = mkdtempSync(path.join(options.scratchDir ?? tmpdir(), 'xlarge-seed-'));
  const scratch = new BetterSqlite3(path.join(scratchDir, 'transactions.db'));
  const cacheSize = db.sqlite.pragma('cache_size', { simple: true }) as number;
  try {
    scratch.pragma('journal_mode = OFF');
    scratch.pragma('synchronous = OFF');
    scratch.pragma(`cache_size = -${CACHE_KIB}`);
    scratch.exec(
      `CREATE TABLE scratch (seq INTEGER PRIMARY KEY, merchant_id TEXT, tid TEXT, type TEXT, outcome TEXT,
        voided INTEGER, method TEXT, amount_fen INTEGER, card_last4 TEXT, batch_no TEXT, trace_no TEXT,
        rrn TEXT, operator_no TEXT, created_at INTEGER, original_seq INTEGER)`,
    );
    // A little faster for page writes, the sort and the index builds than SQLite's 2 MB; set back after.
    db.sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    const report = db.transaction(() => {
      clearAll(db);
      insertRows(db, 'meta', [
        { key: 'scenario', value: SCENARIO },
        { key: 'size', value: 'xlarge' },
        { key: 'seed', value: seed },
        { key: 'generated_at', value: String(now) },
        { key: 'clock_offset_ms', value: String(0) },
      ]);
      const counts = { merchants: 0, stores: 0, terminals: 0, transactions: 0, voids: 0, commands: 0 };
      const scratchRows = batchWriter(scratch, 'scratch', SCRATCH_COLUMNS);

      /** Writes what the builder made since the last call: parents first, transactions to the scratch. */
      const flush = () => {
        const part = b.drain();
        insertRows(
          db,
          'merchants',
          part.merchants.map((m) => rows.merchantRow(m, counts.merchants++)),
        );
        insertRows(
          db,
          'stores',
          part.stores.map((s) => rows.storeRow(s, counts.stores++)),
        );
        insertRows(
          db,
          'terminals',
          part.terminals.map((t) => rows.terminalRow(t, counts.terminals++)),
        );
        insertRows(
          db,
          'password_commands',
          part.commands.map((c) => rows.commandRow(c, counts.commands++)),
        );
        const originals = new Map(part.voidLinks.map(([voidRecord, sale]) => [voidRecord.index, sale.index]));
        for (const t of part.transactions) {
          const r = rows.transactionRow(t);
          scratchRows.add([
            r.seq,
            r.merchant_id,
            r.tid,
            r.type,
            r.outcome,
            r.voided,
            r.method,
            r.amount_fen,
            r.card_last4,
            r.batch_no,
            r.trace_no,
            r.rrn,
            r.operator_no,
            r.created_at,
            originals.get(t.index) ?? null,
          ]);
        }
        scratchRows.flush();
        counts.transactions += part.transactions.length;
        counts.voids += part.voidLinks.length;
      };
      const made = () => counts.transactions + b.transactions.length;

      const core = coreMerchants(b, rng);
      flush();
      insertRows(
        db,
        'users',
        users.map((u, i) => rows.userRow(u, i)),
      );
      insertRows(db, 'user_merchants', users.flatMap(rows.userMerchantRows));

      // The demo accounts' merchants as in `large` (7 %, 2 %, 0.5 % of the fleet), then a long tail of shops,
      // mid-sized merchants and a few chains until the fleet is complete.
      const share = (fraction: number, perStore: number): Omit<FleetPlan, 'merchant'> => {
        const terminals = Math.max(1, Math.round(targetTerminals * fraction));
        return { terminals, stores: Math.max(1, Math.round(terminals / perStore)) };
      };
      const [a, bm, c] = core;
      const plans: FleetPlan[] = [
        { merchant: a, ...share(0.07, 25) },
        { merchant: bm, ...share(0.02, 25) },
        { merchant: c, ...share(0.005, 25) },
      ];
      let planned = plans.reduce((n, p) => n + p.terminals, 0);
      const usedMids = new Set(core.map((m) => m.id));
      const nextPlan = (): FleetPlan | undefined => {
        const first = plans.shift();
        if (first) return first;
        if (planned >= targetTerminals) return undefined;
        const merchant = tailMerchant(b, usedMids);
        const roll = rng.next();
        let terminals: number;
        let stores: number;
        if (roll < 0.02) {
          terminals = rng.int(300, 2500);
          stores = Math.ceil(terminals / 20);
        } else if (roll < 0.25) {
          terminals = rng.int(10, 120);
          stores = rng.int(2, 12);
        } else {
          terminals = rng.int(1, 8);
          stores = rng.int(1, 2);
        }
        terminals = Math.min(terminals, targetTerminals - planned);
        planned += terminals;
        return { merchant, terminals, stores: Math.min(stores, terminals) };
      };

      const from = shanghaiMidnight(now) - (days - 1) * DAY;
      let tidSeq = 61_000_000;
      let terminalsMade = 0;
      let nextReport = 20_000;
      let last: TerminalRecord | undefined;
      for (let plan = nextPlan(); plan; plan = nextPlan()) {
        merchantFleet(b, plan.merchant, {
          core,
          terminals: plan.terminals,
          stores: plan.stores,
          from,
          nextTid: () => {
            terminalsMade++;
            return String(tidSeq++);
          },
          // What is left to make, shared by the terminals left, busier and quieter ones; 3 % more, as a few
          // draws fall outside business hours.
          salesCount: (r) => {
            const left = Math.max(1, targetTerminals - terminalsMade + 1);
            const fair = Math.max(0, targetTransactions - made()) / left;
            const activity = left > 100 ? 0.25 + 1.5 * r.next() : 1;
            return Math.round(fair * activity * 1.03) + (left <= 100 ? 1 : 0);
          },
          afterTerminal: (terminal) => {
            last = terminal;
            if (b.transactions.length + b.terminals.length >= CHUNK) flush();
          },
        });
        if (terminalsMade >= nextReport) {
          log(`  ${terminalsMade} terminals, ${made()} transactions generated (${elapsed()}, ${rss()})`);
          nextReport += 20_000;
        }
      }
      // Rarely, the last draws fall short: the last terminal makes up for it.
      while (last && made() < targetTransactions) {
        ordinarySales(b, last, {
          count: targetTransactions - made() + 1,
          from,
          operators: 2,
          voidRate: 0,
          traceStart: rng.int(1000, 800000),
        });
      }
      flush();
      log(
        `  generated ${counts.terminals} terminals, ${counts.transactions} transactions (${elapsed()}, ${rss()})`,
      );

      // Newest first, ties in the order generated, as the generator sorts; read oldest first so each voided
      // sale comes before its void, and the last row read is seq 0.
      const total = counts.transactions;
      const writer = batchWriter(db.sqlite, 'transactions', TRANSACTION_COLUMNS);
      const voidedIds = new Map<number, string>();
      db.bulkLoad('transactions', () => {
        const read = scratch
          .prepare(`SELECT ${SCRATCH_COLUMNS.join(', ')} FROM scratch ORDER BY created_at, seq`)
          .raw();
        let n = 0;
        for (const values of read.iterate() as Iterable<unknown[]>) {
          const generated = values[0] as number;
          const seq = total - 1 - n++;
          const id = transactionId(seq);
          let originalId: string | null = null;
          if (values[14] !== null) {
            originalId = voidedIds.get(values[14] as number) ?? null;
            if (originalId === null) throw new Error(`xlarge: the original of void ${id} comes after it`);
            voidedIds.delete(values[14] as number);
          }
          if (values[5] === 1) voidedIds.set(generated, id);
          writer.add([id, seq, ...values.slice(1, 14), originalId]);
        }
        writer.flush();
        log(`  wrote ${writer.count} transactions (${elapsed()}, ${rss()}); building their indexes`);
      });
      if (voidedIds.size > 0) throw new Error(`xlarge: ${voidedIds.size} voided sales without their void`);
      rankFleet(db);
      log(`  ranked store names and models for the fleet's sort (${elapsed()})`);
      return { ...counts, users: users.length };
    });
    log(`  committed (${elapsed()}, ${rss()})`);
    return { ...report, ms: Math.round(performance.now() - started) };
  } finally {
    db.sqlite.pragma(`cache_size = ${cacheSize}`);
    scratch.close();
    rmSync(scratchDir, { recursive: true, force: true });
  }
}
