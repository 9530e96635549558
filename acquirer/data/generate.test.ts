// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY } from '../clock';
import { signedIn, testAcquirer } from '../testing/harness';
import type { World } from '../types';
import { DEMO_TIDS, DEMO_TRACE_NOS, MERCHANT_A, MERCHANT_B, MERCHANT_C } from './demo-fixtures';
import { generateWorld } from './generate';

const NOW = Date.parse('2025-06-11T15:30:00+08:00');

function digest(world: World) {
  return {
    merchants: world.merchants,
    stores: world.stores,
    terminals: world.terminals.map((t) => ({ ...t, voidPassword: { ...t.voidPassword } })),
    transactions: world.transactions.map(({ terminal, ...t }) => ({ ...t, tid: terminal.tid })),
    commands: world.commands,
    audit: world.audit,
  };
}

describe('the data generator', () => {
  it('gives identical data for the same seed, scenario and instant', () => {
    const a = generateWorld({ scenario: 'demo', seed: 'alpha', now: NOW });
    const b = generateWorld({ scenario: 'demo', seed: 'alpha', now: NOW });
    expect(digest(b)).toEqual(digest(a));
  });

  it('gives different data for another seed, keeping the documented demo terminals', () => {
    const a = generateWorld({ scenario: 'demo', seed: 'alpha', now: NOW });
    const b = generateWorld({ scenario: 'demo', seed: 'beta', now: NOW });
    expect(b.terminals.map((t) => t.sn)).not.toEqual(a.terminals.map((t) => t.sn));
    expect(b.transactions.map((t) => t.rrn)).not.toEqual(a.transactions.map((t) => t.rrn));
    for (const tid of Object.values(DEMO_TIDS)) expect(b.terminalByTid.has(tid)).toBe(true);
  });

  it('demo: 3 merchants, ~20 terminals, a few hundred sales over the last days, every state present', () => {
    const world = generateWorld({ scenario: 'demo', seed: 'merchant-console', now: NOW });
    expect(world.merchants.map((m) => [m.id, m.payoutMode])).toEqual([
      [MERCHANT_A, 'T1'],
      [MERCHANT_B, 'T1'],
      [MERCHANT_C, 'D0'],
    ]);
    expect(world.terminals).toHaveLength(21);
    expect(world.transactions.length).toBeGreaterThan(200);
    expect(world.transactions.length).toBeLessThan(1000);
    expect(Math.min(...world.transactions.map((t) => t.createdAt))).toBeGreaterThanOrEqual(NOW - 4 * DAY);
    expect(Math.max(...world.transactions.map((t) => t.createdAt))).toBeLessThanOrEqual(NOW);
    const traceNos = new Set(world.transactions.map((t) => t.traceNo));
    for (const trace of Object.values(DEMO_TRACE_NOS)) expect(traceNos.has(trace)).toBe(true);
    const methods = new Set(world.transactions.map((t) => t.method));
    expect(methods.size).toBe(6);
    expect(world.commands.map((c) => c.status).sort()).toEqual(
      expect.arrayContaining(['applied', 'cancelled', 'delivered', 'expired', 'failed', 'queued']),
    );
    const byTid = world.terminalByTid;
    expect(byTid.get(DEMO_TIDS.defaultPassword)!.voidPassword.hash).toBeNull();
    expect(byTid.get(DEMO_TIDS.locked)!.voidPassword.lockedUntil).toBeGreaterThan(NOW);
    expect(byTid.get(DEMO_TIDS.offline)!.online).toBe(false);
    expect(world.terminals.every((t) => /^\d{8}$/.test(t.tid))).toBe(true);
    expect(world.merchants.every((m) => /^\d{15}$/.test(m.id))).toBe(true);
    expect(world.transactions.every((t) => /^\d{6}$/.test(t.traceNo) && /^\d{12}$/.test(t.rrn))).toBe(true);
  });

  it('empty: the demo users’ merchants exist without terminals or transactions', () => {
    const world = generateWorld({ scenario: 'empty', seed: 'x', now: NOW });
    expect(world.merchantById.has(MERCHANT_A)).toBe(true);
    expect(world.terminals).toHaveLength(0);
    expect(world.transactions).toHaveLength(0);
  });

  it('large: ≥ 10,000 terminals and ≥ 200,000 transactions, sorted newest first, still quick to query', async () => {
    let stored = '';
    const started = performance.now();
    const acquirer = testAcquirer({
      scenario: 'large',
      storage: { load: () => null, save: (s) => (stored = s) },
    });
    const elapsed = performance.now() - started;
    const world = acquirer.state.world;
    // Reported, not asserted: machines differ.
    process.stdout.write(
      `large scenario: ${world.terminals.length} terminals, ${world.transactions.length} transactions, ` +
        `${world.merchants.length} merchants generated in ${elapsed.toFixed(0)} ms\n`,
    );
    expect(world.terminals.length).toBeGreaterThanOrEqual(10_000);
    expect(world.transactions.length).toBeGreaterThanOrEqual(200_000);
    expect(new Set(world.terminals.map((t) => t.tid)).size).toBe(world.terminals.length);
    const list = world.transactions;
    let sorted = true;
    for (let i = 1; i < list.length; i++) sorted &&= list[i - 1]!.createdAt >= list[i]!.createdAt;
    expect(sorted).toBe(true);

    const owner = await signedIn(acquirer, 'owner');
    const timed = async (label: string, run: () => Promise<{ status: number; body: unknown }>) => {
      const t0 = performance.now();
      const response = await run();
      process.stdout.write(`  ${label}: ${(performance.now() - t0).toFixed(0)} ms\n`);
      expect(response.status).toBe(200);
      return response.body as { total: number };
    };
    expect((await timed('GET /terminals (owner A)', async () => await owner.get('/terminals'))).total).toBe(
      7000,
    );
    expect(
      (await timed('GET /transactions (owner A)', async () => await owner.get('/transactions'))).total,
    ).toBeGreaterThan(100_000);
    await timed(
      'GET /transactions?voidable=true',
      async () => await owner.get('/transactions', { voidable: 'true' }),
    );
    await timed(
      'GET /alerts (support)',
      async () => await (await signedIn(acquirer, 'support')).get('/alerts'),
    );
    // Persistence keeps the seed and what changed, never the generated data.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(100_000);
    expect(stored).not.toContain('rrn');
  });
});
