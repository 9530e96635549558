// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acquirer } from '@acquirer/acquirer';
import {
  actorKeyOf,
  type AuditEntry,
  type AuditFilter,
  type AuditKey,
  memoryAuditTrail,
  ticketKeyOf,
} from '@acquirer/audit-trail';
import {
  DEMO_TIDS,
  DEMO_VOID_PASSWORD,
  MERCHANT_A,
  MERCHANT_B,
  MERCHANT_C,
} from '@acquirer/data/demo-fixtures';
import { generateWorld } from '@acquirer/data/generate';
import { createState } from '@acquirer/state';
import { PASSWORDS, signedIn, TEST_NOW, TestClient } from '@acquirer/testing/harness';
import type { AuditRecord } from '@acquirer/types';
import { type Db, MIGRATIONS, migrate, openDb } from './database';
import { memoryAndSqlAcquirers, queryPlan } from './parity-testing';
import * as rows from './rows';
import { auditPageQuery, sqlAuditTrail } from './sql-audit';
import { insertRows, type TableStore } from './table-store';

// The server reads the audit trail from SQL, the mock from memory: the same filter must give the same
// events, in the same order, with the same count, and every role the same answers (decision 017).

const NOW = Date.parse(TEST_NOW);
const SEED = 'audit-parity';
const MINUTE = 60_000;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Actors no account has, made to catch a search that is not exact. */
const HOSTILE_ACTORS = [
  'Ops_Admin',
  'ops%admin',
  '100%_Sure',
  'ops!admin',
  'back\\slash',
  'İstanbul',
  'ÉCOLE',
  // Greek capital sigma lower-cases to ς at the end of a word: JavaScript's rule, on both sides.
  'ΟΔΟΣ',
  'x',
];

/**
 * The generated log and events made to catch a search that is not exact: actors and tickets with case,
 * LIKE's wildcards and escape character, Unicode spaces and dashes; events that name no merchant; ties of
 * one instant; instants out of order (the sandbox clock moves).
 */
function hostileLog(): AuditRecord[] {
  const log = createState(generateWorld({ scenario: 'demo', seed: SEED, now: NOW })).audit;
  const actors = HOSTILE_ACTORS;
  const tickets = [
    'TK-2025_0611 7788',
    'tk\u300020250611-7788',
    'ＴＫ－２０２５',
    '50%_off',
    'a!b-c',
    'x\\y',
    '  --__  ',
    '',
    'TK-20250611-0001',
  ];
  const merchants = [MERCHANT_A, MERCHANT_B, MERCHANT_C, null];
  const tids = [DEMO_TIDS.custom, DEMO_TIDS.locked, null];
  const base = log.length;
  for (let i = 0; i < 160; i++) {
    // Every third at the instant of another, some in the past: ties and an order that is not `at`'s.
    const at = i % 3 === 0 ? log[(i * 7) % base]!.at : NOW - ((i * 37) % 90) * MINUTE;
    log.push({
      id: `aud_h${i}`,
      at,
      actor: actors[i % actors.length]!,
      actorRole: i % 2 === 0 ? 'support' : 'owner',
      action:
        i % 4 === 0 ? 'void_password.reset_requested' : i % 4 === 1 ? 'auth.login' : 'command.cancelled',
      merchantId: merchants[i % merchants.length]!,
      tid: tids[i % tids.length]!,
      target: null,
      outcome: i % 5 === 0 ? 'failure' : 'success',
      ticketId: i % 3 === 1 ? null : tickets[i % tickets.length]!,
      reason: null,
      clientIp: null,
    });
  }
  return log;
}

/** Every constraint an audit filter can have. */
const FILTER_KEYS: Record<keyof AuditFilter, true> = {
  merchantIds: true,
  merchantId: true,
  tid: true,
  actor: true,
  action: true,
  ticket: true,
  from: true,
  to: true,
};

async function tablesOf(log: readonly AuditRecord[]): Promise<Db> {
  const db = openDb(':memory:');
  await migrate(db);
  insertRows(db, 'audit_events', log.map(rows.auditRow));
  return db;
}

/** `text` with some letters upper-cased and some spaces, dashes and underscores put in or taken out. */
function variantOf(text: string, seed: number): string {
  const noise = ['-', '_', ' ', '\u3000', '\t', '--'];
  let out = '';
  [...text].forEach((c, i) => {
    const r = (seed + i * 31) % 11;
    if (r === 0) out += c.toUpperCase();
    else if (r === 1) out += c.toLowerCase();
    else out += c;
    if (r === 2) out += noise[(seed + i) % noise.length]!;
  });
  return out;
}

describe('the audit trail port', () => {
  let log: AuditRecord[];
  let db: Db;
  beforeAll(async () => {
    log = hostileLog();
    db = await tablesOf(log);
  });
  afterAll(() => db.close());

  it('gives the same page and count for any filter and cursor', async () => {
    const memory = memoryAuditTrail(() => log);
    const sql = sqlAuditTrail(db);
    const withTicket = log.filter((e) => e.ticketId !== null && ticketKeyOf(e.ticketId) !== '');
    const part = (text: string) =>
      fc
        .tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }))
        .map(([a, b]) => text.slice(Math.min(a, b), Math.max(a, b)));
    const instant = fc.nat({ max: log.length - 1 }).map((i) => log[i]!.at);
    const constraints = fc.record({
      merchantIds: fc.subarray([MERCHANT_A, MERCHANT_B, MERCHANT_C]),
      merchantId: fc.constantFrom(MERCHANT_A, MERCHANT_B, MERCHANT_C, '822000000000000'),
      tid: fc.constantFrom(...new Set(log.flatMap((e) => (e.tid === null ? [] : [e.tid])))),
      actor: fc.oneof(
        // Part of a real actor, its case changed (non-ASCII capitals too, which SQL's lower() keeps)…
        fc
          .tuple(fc.constantFrom(...new Set(log.map((e) => e.actor))), fc.boolean())
          .chain(([actor, upper]) => part(upper ? actor.toUpperCase() : actor)),
        fc
          .tuple(
            fc.constantFrom(...HOSTILE_ACTORS.filter((a) => [...a].some((c) => c.charCodeAt(0) > 127))),
            fc.boolean(),
          )
          .chain(([actor, upper]) => part(upper ? actor.toUpperCase() : actor)),
        // …or text that a LIKE without escapes would take for a wildcard.
        fc.constantFrom('%', '_', '!', '\\', 'S_A', '0%_', '!a', '%admin', 'p!', ' '),
      ),
      action: fc.constantFrom(...new Set(log.map((e) => e.action))),
      ticket: fc.oneof(
        fc
          .tuple(fc.constantFrom(...withTicket.map((e) => e.ticketId!)), fc.nat())
          .chain(([ticket, seed]) => part(ticket).map((p) => variantOf(p, seed))),
        fc.constantFrom('%', '_', '!', '\\', '%_', ' - ', '\u3000', '5%', 'F!', '-7788'),
      ),
      // Often an event's instant: the bounds are where `>=` and `<` differ.
      from: fc.oneof(instant, fc.integer({ min: NOW - 30 * 86_400_000, max: NOW + 1 })),
      to: fc.oneof(instant, fc.integer({ min: NOW - 30 * 86_400_000, max: NOW + 1 })),
    });
    // A few constraints at a time, so an event at a boundary is not filtered away by the others.
    const filter = fc
      .tuple(constraints, fc.subarray(Object.keys(FILTER_KEYS), { maxLength: 3 }))
      .map(([all, keys]): AuditFilter => {
        const picked: Record<string, unknown> = { merchantIds: null };
        for (const key of keys) picked[key] = all[key as keyof typeof all];
        return picked as unknown as AuditFilter;
      });
    const cursor: fc.Arbitrary<AuditKey | null> = fc.oneof(
      fc.constant(null),
      fc.nat({ max: log.length - 1 }).map((i) => [log[i]!.at, i] as const),
      // A key between events: an instant one off, a seq past the end.
      fc
        .tuple(instant, fc.integer({ min: -1, max: 1 }), fc.nat({ max: log.length + 5 }))
        .map(([at, d, seq]) => [at + d, seq] as const),
    );
    const seqs = (entries: AuditEntry[]) => entries.map((e) => [e.seq, e.event.id]);
    let found = 0;
    await fc.assert(
      fc.asyncProperty(filter, cursor, fc.integer({ min: 1, max: 40 }), async (f, after, limit) => {
        const expected = await memory.page(f, after, limit);
        expect(seqs(await sql.page(f, after, limit))).toEqual(seqs(expected));
        expect(await sql.count(f)).toBe(await memory.count(f));
        if (expected.length > 0) found++;
      }),
      { numRuns: 400 },
    );
    // Most filters found something: the property compared events, not empty pages.
    expect(found).toBeGreaterThan(200);
  });

  it('reads the events back as they were written', async () => {
    const sql = sqlAuditTrail(db);
    const all: AuditFilter = { merchantIds: null };
    const entries = await sql.page(all, null, log.length + 1);
    expect(entries.length).toBe(log.length);
    expect(entries.sort((a, b) => a.seq - b.seq).map((e) => e.event)).toEqual(log);
  });

  it('walks the common pages on an index, without sorting: one merchant, one terminal, all', () => {
    const planOf = (filter: AuditFilter, after: AuditKey | null) =>
      queryPlan(db, auditPageQuery(db, filter, after, 51));
    const key: AuditKey = [NOW - 86_400_000, 40];
    for (const after of [null, key]) {
      expect(planOf({ merchantIds: [MERCHANT_A] }, after)).toMatch(
        /^SEARCH audit_events USING INDEX audit_events_by_merchant \(merchant_id=\?(?: AND at<\?)?\)$/,
      );
      expect(planOf({ merchantIds: null, tid: DEMO_TIDS.custom }, after)).toMatch(
        /^SEARCH audit_events USING INDEX audit_events_by_terminal \(tid=\?(?: AND at<\?)?\)$/,
      );
      expect(planOf({ merchantIds: null }, after)).toMatch(
        /^(SCAN|SEARCH) audit_events USING INDEX audit_events_by_time/,
      );
      expect(planOf({ merchantIds: [MERCHANT_A], tid: DEMO_TIDS.custom }, after)).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('migration 0003', () => {
  it('fills the search keys of the rows there are, as rows.auditRow computes them', async () => {
    const db = openDb(path.join(dir, 'keys.db'));
    const migrator = new Migrator({ db: db.q, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const { error } = await migrator.migrateTo('0002-ledger-order');
    expect(error).toBeUndefined();
    // More rows than one batch of the migration.
    const log = hostileLog();
    const many = Array.from({ length: 1_234 }, (_, i) => log[i % log.length]!);
    const before = many.map((e, seq) => {
      const { actor_key: _a, ticket_key: _t, ...row } = rows.auditRow({ ...e, id: `aud_${seq}` }, seq);
      return row;
    });
    const insert = db.sqlite.prepare(
      `INSERT INTO audit_events (${Object.keys(before[0]!).join(', ')}) VALUES (${Object.keys(before[0]!)
        .map(() => '?')
        .join(', ')})`,
    );
    for (const row of before) insert.run(...Object.values(row));
    await migrate(db);
    const keys = db.sqlite.prepare('SELECT seq, actor_key, ticket_key FROM audit_events ORDER BY seq').all();
    expect(keys).toEqual(
      many.map((e, seq) => ({
        seq,
        actor_key: actorKeyOf(e.actor),
        ticket_key: e.ticketId === null ? null : ticketKeyOf(e.ticketId),
      })),
    );
    await db.close();
  });
});

describe('the SQL audit trail answers as the memory one', () => {
  let memory: Acquirer;
  let sql: Acquirer;
  let store: TableStore;
  beforeAll(async () => {
    ({ memory, sql, store } = await memoryAndSqlAcquirers({
      dir,
      file: 'parity.db',
      scenario: 'demo',
      seed: SEED,
      now: NOW,
    }));
    // The same events on both: sign-ins (one failed), a void-password change, a reset with a ticket, an
    // export.
    for (const acquirer of [memory, sql]) {
      const owner = await signedIn(acquirer, 'owner');
      await signedIn(acquirer, 'owner2');
      const support = await signedIn(acquirer, 'support');
      expect((await new TestClient(acquirer).login('owner2', 'not-the-password')).status).toBe(401);
      await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '470215',
      });
      await support.post(
        `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
        { newPassword: '581937', ticketId: 'TK-2025_0611\u30007788', reason: 'forgotten' },
        { stepUpToken: await support.stepUp(PASSWORDS.support!) },
      );
      expect((await owner.get('/transactions/export')).status).toBe(200);
    }
  });
  afterAll(() => store.close());

  it('holds no audit event in memory on the SQL side', () => {
    expect(sql.state.audit).toEqual([]);
    expect(memory.state.audit.length).toBeGreaterThan(40);
  });

  /** The body without the events' ids, which `randomId` draws on each side. */
  const withoutIds = (body: unknown) => {
    const page = body as { items?: { id: string }[] };
    if (!page.items) return body;
    return { ...page, items: page.items.map(({ id: _id, ...event }) => event) };
  };

  async function sameAnswers(a: TestClient, b: TestClient, query: Record<string, string>) {
    const [x, y] = await Promise.all([a.get('/audit-events', query), b.get('/audit-events', query)]);
    expect(y.status, JSON.stringify(query)).toBe(x.status);
    expect(withoutIds(y.body), JSON.stringify(query)).toEqual(withoutIds(x.body));
    return x;
  }

  it.each(['owner', 'owner2', 'support'])('answers %s the same pages, walked by cursor', async (user) => {
    const [a, b] = await Promise.all([signedIn(memory, user), signedIn(sql, user)]);
    const generatedAt = memory.state.audit[10]!.at;
    const queries: Record<string, string>[] = [
      {},
      { merchantId: MERCHANT_A },
      { merchantId: MERCHANT_B },
      { terminalId: DEMO_TIDS.custom },
      { terminalId: DEMO_TIDS.locked, type: 'void_password.wrong_attempt' },
      { actor: 'OWN' },
      { actor: 'sup' },
      { actor: '%' },
      { actor: '_' },
      { actor: '58100108/' },
      { type: 'auth.login' },
      { type: 'auth.login_failed' },
      { type: 'transactions.exported' },
      { ticketId: 'tk 2025 0611' },
      { ticketId: '0611-7788' },
      { ticketId: '\u30007788' },
      { ticketId: '%' },
      { ticketId: 'TK-20240611' },
      { from: new Date(generatedAt).toISOString() },
      { to: new Date(generatedAt).toISOString() },
      { from: TEST_NOW },
      { to: TEST_NOW },
      { from: new Date(NOW - 86_400_000).toISOString(), to: TEST_NOW, actor: 'O' },
    ];
    let found = 0;
    for (const query of queries) {
      const whole = await sameAnswers(a, b, { ...query, limit: '500' });
      const total = (whole.body as { total?: number }).total ?? 0;
      if (total > 0) found++;
      // The pages, by cursor: the same cursors, the same events.
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Record<string, string> = { ...query, limit: '4', ...(cursor ? { cursor } : {}) };
        const x = await sameAnswers(a, b, page);
        cursor = (x.body as { nextCursor?: string | null }).nextCursor ?? null;
        pages++;
      } while (cursor && pages < 100);
      expect(pages).toBeLessThan(100);
    }
    // Queries that found events (owner2's merchants have fewer).
    expect(found).toBeGreaterThan(user === 'owner2' ? 6 : 12);
  });
});
