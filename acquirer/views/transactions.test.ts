// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TransactionDetail, TransactionPage, type Transaction } from '@contract/schemas/transactions';
import type { Acquirer } from '../acquirer';
import { MINUTE, SECOND } from '../clock';
import { DEMO_TIDS, DEMO_TRACE_NOS, MERCHANT_B } from '../data/demo-fixtures';
import { bodyOf, codeOf, signedIn, testAcquirer, type TestClient } from '../testing/harness';

const list = async (client: TestClient, query: Record<string, string> = {}) => {
  const response = await client.get('/transactions', query);
  expect(response.status).toBe(200);
  return TransactionPage.parse(response.body);
};
const byTrace = async (
  client: TestClient,
  traceNo: string,
  terminalId: string = DEMO_TIDS.custom,
): Promise<Transaction> => {
  const items = (await list(client, { q: traceNo, terminalId })).items.filter((t) => t.traceNo === traceNo);
  expect(items).toHaveLength(1);
  return items[0]!;
};
/** Every page from the first, following nextCursor. */
const walk = async (client: TestClient, query: Record<string, string> = {}) => {
  const pages: Awaited<ReturnType<typeof list>>[] = [];
  let cursor: string | null = query.cursor ?? null;
  do {
    pages.push(await list(client, { ...query, ...(cursor ? { cursor } : {}) }));
    cursor = pages.at(-1)!.nextCursor;
  } while (cursor);
  return pages;
};
/**
 * A card sale made at the counter a second from now, inserted as the SQL step will INSERT it. No host adds sales yet
 * (the generated ones are fixed), so the test puts it into the world: newest first, a new id. The
 * positional lookups (a void's original, burst alerts) are not kept up; the list does not use them.
 */
function sellAtTheCounter(acquirer: Acquirer, tid: string, amount: number): string {
  const { world } = acquirer.state;
  const terminal = world.terminalByTid.get(tid)!;
  acquirer.clock.advance(SECOND);
  expect(world.transactions[0]!.createdAt).toBeLessThan(acquirer.now());
  const index = world.transactions.length;
  world.transactions.unshift({
    index,
    id: `tx_${index.toString(36).padStart(5, '0')}`,
    terminal,
    type: 'sale',
    outcome: 'approved',
    voided: false,
    method: 'card_chip',
    amount,
    cardLast4: '4242',
    traceNo: String(900000 + index).slice(-6),
    rrn: `5${String(index).padStart(11, '0')}`,
    operatorNo: '01',
    createdAt: acquirer.now(),
    originalId: undefined,
  });
  return world.transactions[0]!.id;
}
/** Moves the clock to an instant and signs in again (long jumps idle the session out). */
const at = async (acquirer: Acquirer, iso: string, user = 'owner') => {
  acquirer.clock.set(Date.parse(iso));
  return await signedIn(acquirer, user);
};

describe('voidability (docs/domain.md), computed from the simulated now', () => {
  it('a card sale of the open batch is voidable until the 23:00 cutoff', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const sale = await byTrace(owner, DEMO_TRACE_NOS.voidableSale);
    expect(sale).toMatchObject({
      type: 'sale',
      status: 'approved',
      method: 'card_chip',
      amount: 12800,
      voidable: true,
    });
    expect(sale.voidableUntil).toBe('2025-06-11T23:00:00.000+08:00');
    expect(sale.notVoidableReason).toBeUndefined();
    expect(sale.cardLast4).toMatch(/^\d{4}$/);
  });

  it('is still voidable 1 ms before the cutoff, and not exactly at it (past_cutoff), then settled', async () => {
    const acquirer = testAcquirer();
    let owner = await at(acquirer, '2025-06-11T22:59:59.999+08:00');
    expect(await byTrace(owner, DEMO_TRACE_NOS.voidableSale)).toMatchObject({
      voidable: true,
      status: 'approved',
    });
    owner = await at(acquirer, '2025-06-11T23:00:00.000+08:00');
    const atCutoff = await byTrace(owner, DEMO_TRACE_NOS.voidableSale);
    expect(atCutoff).toMatchObject({ voidable: false, status: 'approved', notVoidableReason: 'past_cutoff' });
    expect(atCutoff.voidableUntil).toBeUndefined();
    owner = await at(acquirer, '2025-06-11T23:59:59.999+08:00');
    expect(await byTrace(owner, DEMO_TRACE_NOS.voidableSale)).toMatchObject({
      notVoidableReason: 'past_cutoff',
    });
    acquirer.clock.advance(1); // settlement runs an hour after the cutoff
    expect(await byTrace(owner, DEMO_TRACE_NOS.voidableSale)).toMatchObject({
      voidable: false,
      status: 'settled',
      notVoidableReason: 'settled',
    });
  });

  it('explains every other sale with its reason code', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    expect(await byTrace(owner, DEMO_TRACE_NOS.qrSale)).toMatchObject({
      method: 'wechat_qr',
      voidable: false,
      notVoidableReason: 'qr_refund_only',
    });
    expect(await byTrace(owner, DEMO_TRACE_NOS.declinedSale)).toMatchObject({
      status: 'declined',
      voidable: false,
      notVoidableReason: 'not_approved',
    });
    expect(await byTrace(owner, DEMO_TRACE_NOS.voidedSale)).toMatchObject({
      status: 'voided',
      voidable: false,
      notVoidableReason: 'already_voided',
    });
    expect(await byTrace(owner, DEMO_TRACE_NOS.settledSale)).toMatchObject({
      status: 'settled',
      voidable: false,
      notVoidableReason: 'settled',
    });
    expect(await byTrace(owner, DEMO_TRACE_NOS.settledEarlySale, DEMO_TIDS.settledEarly)).toMatchObject({
      status: 'settled',
      notVoidableReason: 'settled',
    });
    const owner2 = await signedIn(acquirer, 'owner2');
    expect(await byTrace(owner2, DEMO_TRACE_NOS.d0Sale, DEMO_TIDS.merchantCd0)).toMatchObject({
      method: 'card_chip',
      status: 'approved',
      voidable: false,
      notVoidableReason: 'd0_payout_refund_only',
    });
  });

  it('shows a void as a transaction of type void pointing to its sale, with the operator', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const sale = await byTrace(owner, DEMO_TRACE_NOS.voidedSale);
    const voidTx = await byTrace(owner, DEMO_TRACE_NOS.voidOfVoidedSale);
    expect(voidTx).toMatchObject({
      type: 'void',
      originalId: sale.id,
      operatorNo: '02',
      amount: sale.amount,
      notVoidableReason: 'is_void',
    });
    const detail = TransactionDetail.parse((await owner.get(`/transactions/${voidTx.id}`)).body);
    expect(detail.original).toMatchObject({
      id: sale.id,
      traceNo: DEMO_TRACE_NOS.voidedSale,
      status: 'voided',
    });
  });
});

describe('GET /transactions', () => {
  it('lists newest first with cursor paging that visits every match once', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const all = await list(owner, { limit: '500' });
    expect(all.total).toBeGreaterThan(50);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(owner, {
        limit: '37',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((t) => t.id));
    const times = all.items.map((t) => Date.parse(t.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages by the last sale given out: a sale made at the counter between two pages repeats and hides none', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const before = await walk(owner, { limit: '200' });
    const first = await list(owner, { limit: '37' });
    acquirer.clock.advance(MINUTE);
    const sale = sellAtTheCounter(acquirer, DEMO_TIDS.custom, 4250);
    const now = await list(owner, { limit: '1' });
    expect(now.items[0]!.id).toBe(sale);
    expect(now.total).toBe(before[0]!.total + 1);
    expect(now.summary).toEqual({
      count: before[0]!.summary.count + 1,
      amount: before[0]!.summary.amount + 4250,
    });
    const rest = await walk(owner, { limit: '37', cursor: first.nextCursor! });
    expect(rest.every((page) => page.total === now.total)).toBe(true);
    expect(rest.every((page) => JSON.stringify(page.summary) === JSON.stringify(now.summary))).toBe(true);
    expect([...first.items, ...rest.flatMap((page) => page.items)].map((t) => t.id)).toEqual(
      before.flatMap((page) => page.items.map((t) => t.id)),
    );
    // The same on a filtered list: the cursor is the row's key, whatever the filter.
    const cards = await list(owner, { method: 'card_chip', limit: '5' });
    expect(cards.items[0]!.id).toBe(sale);
    const cardSale = sellAtTheCounter(acquirer, DEMO_TIDS.custom, 990);
    const next = await list(owner, { method: 'card_chip', limit: '5', cursor: cards.nextCursor! });
    const older = (await walk(owner, { method: 'card_chip', limit: '200' }))
      .flatMap((page) => page.items.map((t) => t.id))
      .filter((id) => id !== cardSale);
    expect(cards.items.map((t) => t.id)).toEqual(older.slice(0, 5));
    expect(next.items.map((t) => t.id)).toEqual(older.slice(5, 10));
  });

  it('"voidable now" finds every voidable sale, at any hour (the scan stops a day back)', async () => {
    const acquirer = testAcquirer();
    const start = acquirer.now();
    for (const hours of [0, 5, 11, 16.5, 23, 30]) {
      const owner = await at(acquirer, new Date(start + hours * 60 * MINUTE).toISOString());
      const everything: Transaction[] = [];
      for (let cursor: string | null = ''; cursor !== null;) {
        const page = await list(owner, cursor ? { cursor } : {});
        everything.push(...page.items);
        cursor = page.nextCursor;
      }
      const expected = everything.filter((t) => t.voidable && t.type === 'sale').map((t) => t.id);
      const voidable = await list(owner, { voidable: 'true', type: 'sale', limit: '200' });
      expect(voidable.items.map((t) => t.id)).toEqual(expected);
      if (hours === 0) expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('sums the count and amount of every match, not just the page', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const all = await list(owner, { voidable: 'true', limit: '500' });
    const page = await list(owner, { voidable: 'true', limit: '2' });
    expect(page.summary).toEqual({
      count: all.items.length,
      amount: all.items.reduce((s, t) => s + t.amount, 0),
    });
    expect(all.items.every((t) => t.voidable)).toBe(true);
    expect(all.items.length).toBeGreaterThan(0);
  });

  it('filters by type, method, status, terminal, operator, amount and time', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const voids = (await list(owner, { type: 'void', limit: '500' })).items;
    expect(voids.length).toBeGreaterThanOrEqual(7);
    expect(voids.every((t) => t.type === 'void' && t.originalId)).toBe(true);
    expect(
      (await list(owner, { method: 'alipay_qr', limit: '500' })).items.every((t) => t.method === 'alipay_qr'),
    ).toBe(true);
    expect(
      (await list(owner, { status: 'settled', limit: '500' })).items.every((t) => t.status === 'settled'),
    ).toBe(true);
    const burst = await list(owner, { terminalId: DEMO_TIDS.voidBurst, operatorNo: '03', type: 'void' });
    expect(burst.total).toBeGreaterThanOrEqual(6);
    const mid = (await list(owner, { minAmount: '1000', maxAmount: '5000', limit: '500' })).items;
    expect(mid.every((t) => t.amount >= 1000 && t.amount <= 5000)).toBe(true);
    const from = '2025-06-11T00:00:00+08:00';
    const to = '2025-06-11T12:00:00+08:00';
    const morning = (await list(owner, { from, to, limit: '500' })).items;
    expect(morning.length).toBeGreaterThan(0);
    expect(
      morning.every(
        (t) => Date.parse(t.createdAt) >= Date.parse(from) && Date.parse(t.createdAt) < Date.parse(to),
      ),
    ).toBe(true);
  });

  it('searches by trace number, RRN, card last 4 and amount', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const sale = await byTrace(owner, DEMO_TRACE_NOS.voidableSale);
    expect((await list(owner, { q: sale.rrn })).items.map((t) => t.id)).toContain(sale.id);
    expect((await list(owner, { q: sale.cardLast4! })).items.map((t) => t.id)).toContain(sale.id);
    expect((await list(owner, { q: '128.00' })).items.map((t) => t.id)).toContain(sale.id);
    expect((await list(owner, { q: '128' })).items.map((t) => t.id)).toContain(sale.id);
    expect((await list(owner, { q: 'nothing like it' })).total).toBe(0);
  });

  it('finds a trace number by part of it from 3 digits on; 1–2 digits only the whole (zero-padded)', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const sale = await byTrace(owner, DEMO_TRACE_NOS.voidableSale); // 900101
    const partial = (await list(owner, { q: '9001', limit: '500' })).items;
    expect(partial.map((t) => t.id)).toContain(sale.id);
    for (const t of partial)
      expect(t.traceNo.includes('9001') || t.cardLast4 === '9001' || t.amount === 900100).toBe(true);
    expect((await list(owner, { q: '0101', limit: '500' })).items.map((t) => t.id)).toContain(sale.id);
    for (const t of (await list(owner, { q: '5', limit: '500' })).items)
      expect(t.traceNo === '000005' || t.amount === 500).toBe(true);
    // Six digits and more stay whole trace numbers and RRN tails, not parts of a trace.
    expect((await list(owner, { q: sale.rrn.slice(-6) })).items.map((t) => t.id)).toContain(sale.id);
    for (const t of (await list(owner, { q: '900101', limit: '500' })).items)
      expect(t.traceNo === '900101' || t.rrn.endsWith('900101') || t.amount === 90010100).toBe(true);
  });

  it("keeps other merchants' transactions out: 404 for their id, merchant or terminal", async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const owner2 = await signedIn(acquirer, 'owner2');
    const theirs = (await list(owner2)).items[0]!;
    expect((await list(owner, { limit: '500' })).items.every((t) => t.merchantId === '822330154110023')).toBe(
      true,
    );
    expect((await owner.get(`/transactions/${theirs.id}`)).status).toBe(404);
    expect((await owner.get('/transactions', { merchantId: MERCHANT_B })).status).toBe(404);
    expect((await owner.get('/transactions', { terminalId: DEMO_TIDS.merchantBCustom })).status).toBe(404);
    expect((await (await signedIn(acquirer, 'support')).get(`/transactions/${theirs.id}`)).status).toBe(200);
  });

  it('is readable by cashiers', async () => {
    expect((await (await signedIn(testAcquirer(), 'cashier')).get('/transactions')).status).toBe(200);
  });

  it('answers 400 request.malformed naming the bad query fields', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const response = await owner.get('/transactions', { limit: '0', voidable: 'maybe' });
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('request.malformed');
    const fields = bodyOf<{ errors: { field: string }[] }>(response)
      .errors.map((e) => e.field)
      .sort();
    expect(fields).toEqual(['limit', 'voidable']);
    expect(codeOf(await owner.get('/transactions', { cursor: 'forged' }))).toBe('request.malformed');
  });

  it('refuses a cursor of another list, or one not given out, with 400 naming the cursor', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const own = (await list(owner, { limit: '2' })).nextCursor!;
    expect((await list(owner, { limit: '2', cursor: own })).items).toHaveLength(2);
    const terminals = (await owner.get('/terminals', { limit: '1' })).body as { nextCursor: string };
    const audit = (await owner.get('/audit-events', { limit: '1' })).body as { nextCursor: string };
    for (const cursor of [
      terminals.nextCursor,
      audit.nextCursor,
      own.slice(0, -3),
      btoa('transactions:40').replaceAll('=', ''), // an offset cursor of before
      btoa('{"l":"transactions","k":["2025-06-11","tx_00001"]}').replaceAll('=', ''),
    ]) {
      const response = await owner.get('/transactions', { cursor });
      expect(response.status, cursor).toBe(400);
      expect(codeOf(response)).toBe('request.malformed');
      expect(bodyOf<{ errors: { field: string }[] }>(response).errors.map((e) => e.field)).toEqual([
        'cursor',
      ]);
    }
  });

  it('answers the server time, moving with the simulated clock', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    acquirer.clock.advance(10 * MINUTE);
    expect(Date.parse((await list(owner)).serverTime)).toBe(acquirer.now());
  });
});
