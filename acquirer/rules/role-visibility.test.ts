// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AlertList } from '@contract/schemas/alerts';
import { Overview } from '@contract/schemas/overview';
import { TerminalDetail, TerminalPage } from '@contract/schemas/terminals';
import { DEMO_TIDS } from '../data/demo-fixtures';
import { codeOf, signedIn, testAcquirer } from '../testing/harness';

describe('what a cashier is answered', () => {
  it('lists terminals without void-password state, commands or password counts', async () => {
    const acquirer = testAcquirer();
    const page = TerminalPage.parse((await (await signedIn(acquirer, 'cashier')).get('/terminals')).body);
    expect(page.total).toBe(12);
    expect(page.items.every((t) => t.voidPassword === null && t.openCommand === null)).toBe(true);
    expect(page.counts).toEqual({ offline: 2 });
    const owners = TerminalPage.parse((await (await signedIn(acquirer, 'owner')).get('/terminals')).body);
    expect(owners.items.find((t) => t.tid === DEMO_TIDS.defaultPassword)?.voidPassword?.state).toBe(
      'default',
    );
    expect(owners.items.find((t) => t.tid === DEMO_TIDS.openCommand)?.openCommand?.status).toBe('queued');
  });

  it('refuses to filter or sort terminals by their void password (it would tell the same)', async () => {
    const cashier = await signedIn(testAcquirer(), 'cashier');
    const queries: Record<string, string>[] = [
      { passwordState: 'default' },
      { passwordAge: 'stale' },
      { command: 'open' },
      { sort: 'passwordChangedAt' },
    ];
    for (const query of queries) {
      const answer = await cashier.get('/terminals', query);
      expect(answer.status, JSON.stringify(query)).toBe(403);
      expect(codeOf(answer)).toBe('auth.forbidden');
    }
    expect((await cashier.get('/terminals', { status: 'offline' })).status).toBe(200);
  });

  it('answers a terminal with its batch and connectivity but not its void password or commands', async () => {
    const cashier = await signedIn(testAcquirer(), 'cashier');
    const detail = TerminalDetail.parse((await cashier.get(`/terminals/${DEMO_TIDS.defaultPassword}`)).body);
    expect(detail.voidPassword).toBeNull();
    expect(detail.status).toBe('online');
    expect(detail.batch.number).toMatch(/^\d+$/);
    expect(
      TerminalDetail.parse((await cashier.get(`/terminals/${DEMO_TIDS.openCommand}`)).body).openCommand,
    ).toBeNull();
    expect(codeOf(await cashier.get(`/terminals/${DEMO_TIDS.openCommand}/void-password/commands`))).toBe(
      'auth.forbidden',
    );
  });

  it('gives an overview without void-password counts or voids per day', async () => {
    const acquirer = testAcquirer();
    const cashier = Overview.parse((await (await signedIn(acquirer, 'cashier')).get('/overview')).body);
    expect(cashier.terminals).toEqual({ total: 12, offline: 2, stalePasswordDays: 90 });
    expect(cashier.voidsByDay).toBeUndefined();
    expect(cashier.voidable.count).toBeGreaterThan(0);
    const owner = Overview.parse((await (await signedIn(acquirer, 'owner')).get('/overview')).body);
    expect(owner.terminals).toMatchObject({ factoryPassword: 4, locked: 1, openCommands: 1 });
    expect(owner.voidsByDay).toHaveLength(14);
  });

  it('alerts only to terminals offline for long, not to passwords or colleagues’ voids', async () => {
    const acquirer = testAcquirer();
    const kinds = async (user: string) =>
      new Set(
        AlertList.parse((await (await signedIn(acquirer, user)).get('/alerts')).body).items.map(
          (a) => a.kind,
        ),
      );
    expect(await kinds('cashier')).toEqual(new Set(['offline']));
    expect(await kinds('owner')).toEqual(
      new Set(['offline', 'default_password', 'stale_password', 'lockout', 'void_burst']),
    );
  });

  it('refuses the void review (per operator, bursts) with 403', async () => {
    const acquirer = testAcquirer();
    expect(codeOf(await (await signedIn(acquirer, 'cashier')).get('/transactions/void-summary'))).toBe(
      'auth.forbidden',
    );
    expect((await (await signedIn(acquirer, 'owner')).get('/transactions/void-summary')).status).toBe(200);
    expect((await (await signedIn(acquirer, 'support')).get('/transactions/void-summary')).status).toBe(200);
  });
});
