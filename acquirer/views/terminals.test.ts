// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Overview } from '@contract/schemas/overview';
import { TerminalDetail, TerminalFacets, TerminalPage, TerminalSort } from '@contract/schemas/terminals';
import type { Acquirer } from '../acquirer';
import { DAY, SECOND } from '../clock';
import { DEMO_TIDS, DEMO_VOID_PASSWORD, MERCHANT_A, MERCHANT_B } from '../data/demo-fixtures';
import { lastSeenOf } from '../rules/heartbeat';
import { passwordStateOf } from '../rules/void-password';
import { codeOf, signedIn, testAcquirer, type TestClient } from '../testing/harness';
import type { TerminalRecord } from '../types';

const list = async (client: TestClient, query: Record<string, string> = {}) => {
  const response = await client.get('/terminals', query);
  expect(response.status).toBe(200);
  return TerminalPage.parse(response.body);
};

describe('GET /terminals', () => {
  it("lists the owner's merchant only, with total and counts over the filter", async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const page = await list(owner);
    expect(page.total).toBe(12);
    expect(page.items.every((t) => t.merchantId === MERCHANT_A)).toBe(true);
    expect(page.counts).toEqual({ default: 4, locked: 1, offline: 2 });
    const defaults = await list(owner, { passwordState: 'default' });
    expect(defaults.total).toBe(4);
    expect(defaults.counts).toEqual({ default: 4, locked: 0, offline: 1 });
  });

  it('filters by status, password state, store and model, and searches TID, SN and store name', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    expect((await list(owner, { status: 'offline' })).items.map((t) => t.tid).sort()).toEqual([
      DEMO_TIDS.offline,
      DEMO_TIDS.openCommand,
    ]);
    expect((await list(owner, { passwordState: 'locked' })).items.map((t) => t.tid)).toEqual([
      DEMO_TIDS.locked,
    ]);
    const custom = (await list(owner)).items.find((t) => t.tid === DEMO_TIDS.custom)!;
    expect(
      (await list(owner, { storeId: custom.storeId })).items.every((t) => t.storeId === custom.storeId),
    ).toBe(true);
    expect((await list(owner, { model: custom.model })).items.every((t) => t.model === custom.model)).toBe(
      true,
    );
    expect((await list(owner, { q: '0101' })).items.map((t) => t.tid)).toEqual([DEMO_TIDS.defaultPassword]);
    expect((await list(owner, { q: custom.sn.toLowerCase() })).items.map((t) => t.tid)).toEqual([
      DEMO_TIDS.custom,
    ]);
    expect((await list(owner, { q: '古荡' })).total).toBe(4);
  });

  it('sorts and pages with an opaque cursor', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const byTidDesc = (await list(owner, { sort: '-tid' })).items.map((t) => t.tid);
    expect(byTidDesc).toEqual([...byTidDesc].sort().reverse());
    const byStore = (await list(owner, { sort: 'storeName' })).items.map((t) => t.storeName);
    expect(byStore).toEqual([...byStore].sort(new Intl.Collator('zh-CN', { numeric: true }).compare));
    const first = await list(owner, { limit: '5' });
    expect(first.items).toHaveLength(5);
    const second = await list(owner, { limit: '5', cursor: first.nextCursor! });
    const third = await list(owner, { limit: '5', cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((t) => t.tid)).toEqual(
      (await list(owner)).items.map((t) => t.tid),
    );
  });

  it('gives support every merchant, and refuses a merchant out of scope with 404', async () => {
    const acquirer = testAcquirer();
    expect((await list(await signedIn(acquirer, 'support'))).total).toBe(21);
    expect((await list(await signedIn(acquirer, 'support'), { merchantId: MERCHANT_B })).total).toBe(6);
    expect(
      (await (await signedIn(acquirer, 'owner')).get('/terminals', { merchantId: MERCHANT_B })).status,
    ).toBe(404);
    expect((await list(await signedIn(acquirer, 'cashier'))).total).toBe(12);
  });

  it('shows the open command and a heartbeat-driven lastSeenAt', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const items = (await list(owner)).items;
    expect(items.find((t) => t.tid === DEMO_TIDS.openCommand)!.openCommand).toMatchObject({
      kind: 'reset',
      status: 'queued',
    });
    const online = items.find((t) => t.tid === DEMO_TIDS.custom)!;
    expect(acquirer.now() - Date.parse(online.lastSeenAt)).toBeLessThan(30 * SECOND);
    acquirer.clock.advance(95 * SECOND);
    const later = (await list(owner)).items.find((t) => t.tid === DEMO_TIDS.custom)!;
    const moved = Date.parse(later.lastSeenAt) - Date.parse(online.lastSeenAt);
    expect([90 * SECOND, 120 * SECOND]).toContain(moved); // whole heartbeats only
  });

  it('filters to passwords unchanged for over 90 days and to changes waiting for the terminal', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const overview = Overview.parse((await owner.get('/overview')).body).terminals;
    const stale = await list(owner, { passwordAge: 'stale' });
    expect(stale.items.map((t) => t.tid)).toContain(DEMO_TIDS.stalePassword);
    expect(stale.total).toBe(overview.stalePasswords);
    const cutoff = acquirer.now() - 90 * DAY;
    for (const t of stale.items) {
      expect(t.voidPassword?.state).toBe('custom');
      expect(Date.parse(t.voidPassword!.changedAt!)).toBeLessThan(cutoff);
    }
    const waiting = await list(owner, { command: 'open' });
    expect(waiting.items.map((t) => t.tid)).toEqual([DEMO_TIDS.openCommand]);
    expect(waiting.total).toBe(overview.openCommands);
    expect(codeOf(await owner.get('/terminals', { passwordAge: 'old' }))).toBe('request.malformed');
  });

  it('sorts by when the void password last changed, never-changed (factory) first', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const oldest = (await list(owner, { sort: 'passwordChangedAt' })).items;
    const changed = oldest.map((t) => t.voidPassword?.changedAt ?? null);
    const firstChanged = changed.findIndex((at) => at !== null);
    expect(changed.slice(0, firstChanged).every((at) => at === null)).toBe(true);
    const times = changed.slice(firstChanged).map((at) => Date.parse(at!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await list(owner, { sort: '-passwordChangedAt' })).items[0]!.tid).toBe(oldest.at(-1)!.tid);
  });

  it('sorts store names naturally: 2号店 before 10号店 before 29号店', async () => {
    const acquirer = testAcquirer();
    const stores = acquirer.state.world.stores.filter((s) => s.merchantId === MERCHANT_A);
    ['悦来便利店(29号店)', '悦来便利店(2号店)', '悦来便利店(10号店)'].forEach((name, i) => {
      stores[i]!.name = name;
    });
    const owner = await signedIn(acquirer, 'owner');
    const names = [...new Set((await list(owner, { sort: 'storeName' })).items.map((t) => t.storeName))];
    expect(names).toEqual(['悦来便利店(2号店)', '悦来便利店(10号店)', '悦来便利店(29号店)']);
    const facets = TerminalFacets.parse((await owner.get('/terminals/facets')).body);
    expect(facets.stores.map((s) => s.name)).toEqual(names);
  });

  it('refuses an unknown sort with 400', async () => {
    expect(codeOf(await (await signedIn(testAcquirer(), 'owner')).get('/terminals', { sort: 'sn' }))).toBe(
      'request.malformed',
    );
  });
});

describe('GET /terminals/:tid', () => {
  it('has the open batch, failed attempts and a version that changes with the terminal (not with heartbeats)', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const response = await owner.get(`/terminals/${DEMO_TIDS.custom}`);
    const detail = TerminalDetail.parse(response.body);
    expect(response.headers['etag']).toBe(detail.version);
    expect(detail.batch.cutoffAt).toBe('2025-06-11T23:00:00.000+08:00');
    expect(detail.batch.number).toMatch(/^\d{6}$/);
    expect(detail.voidPassword?.failedAttempts).toBe(0);

    acquirer.clock.advance(60 * SECOND);
    const same = TerminalDetail.parse((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).body);
    expect(same.version).toBe(detail.version);

    await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: '000001',
      newPassword: '470215',
    });
    const changed = TerminalDetail.parse((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).body);
    expect(changed.voidPassword?.failedAttempts).toBe(1);
    expect(changed.version).not.toBe(detail.version);
    await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '470215',
    });
    expect(TerminalDetail.parse((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).body).version).not.toBe(
      changed.version,
    );
  });

  it('moves to the next batch at the cutoff', async () => {
    const acquirer = testAcquirer();
    const before = TerminalDetail.parse(
      (await (await signedIn(acquirer, 'owner')).get(`/terminals/${DEMO_TIDS.custom}`)).body,
    ).batch;
    acquirer.clock.set(Date.parse(before.cutoffAt));
    const after = TerminalDetail.parse(
      (await (await signedIn(acquirer, 'owner')).get(`/terminals/${DEMO_TIDS.custom}`)).body,
    ).batch;
    expect(Number(after.number)).toBe(Number(before.number) + 1);
    expect(after.cutoffAt).toBe('2025-06-12T23:00:00.000+08:00');
  });
});

describe('GET /terminals/facets', () => {
  it("gives the stores and models of the user's terminals, with counts, for the list's filters", async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const facets = TerminalFacets.parse((await owner.get('/terminals/facets')).body);
    const terminals = (await list(owner)).items;
    expect(facets.stores.every((s) => s.merchantId === MERCHANT_A)).toBe(true);
    expect(facets.stores.reduce((sum, s) => sum + s.terminalCount, 0)).toBe(terminals.length);
    expect(new Set(facets.stores.map((s) => s.id))).toEqual(new Set(terminals.map((t) => t.storeId)));
    expect(facets.models.map((m) => m.model)).toEqual([...new Set(terminals.map((t) => t.model))].sort());
    expect(facets.models.reduce((sum, m) => sum + m.terminalCount, 0)).toBe(terminals.length);
  });

  it('narrows to one merchant for support, and answers 404 for a merchant out of scope', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    const facets = TerminalFacets.parse(
      (await support.get('/terminals/facets', { merchantId: MERCHANT_B })).body,
    );
    expect(facets.stores.length).toBeGreaterThan(0);
    expect(facets.stores.every((s) => s.merchantId === MERCHANT_B)).toBe(true);
    expect(
      (await (await signedIn(acquirer, 'owner')).get('/terminals/facets', { merchantId: MERCHANT_B })).status,
    ).toBe(404);
  });
});

describe('GET /terminals: keyset cursors (decision 004)', () => {
  /** Every page from the first, following nextCursor; the total of each page too. */
  const walk = async (client: TestClient, query: Record<string, string>) => {
    const pages: Awaited<ReturnType<typeof list>>[] = [];
    let cursor: string | null = null;
    do {
      pages.push(await list(client, { ...query, ...(cursor ? { cursor } : {}) }));
      cursor = pages.at(-1)!.nextCursor;
    } while (cursor);
    return pages;
  };
  const tidsOf = (pages: Awaited<ReturnType<typeof list>>[]) =>
    pages.flatMap((p) => p.items.map((t) => t.tid));

  it('walks every page of every sort to the whole fleet, each terminal once, in the order of one long page', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    const fleet = await list(support, { limit: '500' });
    expect(fleet.total).toBe(21);
    for (const sort of TerminalSort.options) {
      const filters: Record<string, string>[] = [{}, { merchantId: MERCHANT_B }, { status: 'online' }];
      for (const filter of filters) {
        const whole = await list(support, { sort, ...filter, limit: '500' });
        const pages = await walk(support, { sort, ...filter, limit: '4' });
        const tids = tidsOf(pages);
        expect(tids, `${sort} ${JSON.stringify(filter)}`).toEqual(whole.items.map((t) => t.tid));
        expect(new Set(tids).size).toBe(whole.total);
        expect(pages.every((p) => p.total === whole.total)).toBe(true);
        expect(pages.every((p) => JSON.stringify(p.counts) === JSON.stringify(whole.counts))).toBe(true);
      }
      expect(new Set(tidsOf(await walk(support, { sort, limit: '5' })))).toEqual(
        new Set(fleet.items.map((t) => t.tid)),
      );
      // The tiebreaker goes the sort's way: a descending sort is the ascending one reversed.
      if (!sort.startsWith('-'))
        expect(tidsOf(await walk(support, { sort: `-${sort}`, limit: '4' }))).toEqual(
          tidsOf(await walk(support, { sort, limit: '4' })).reverse(),
        );
    }
  });

  // The rule for a terminal whose sort key changes between two pages: it is listed where its new key puts
  // it — not again if that is among the rows already given out, a second time if it moved past the
  // cursor — and it never makes another terminal repeat or vanish (an offset cursor did both).
  it('lists a terminal whose key moved before the cursor no more, and loses or repeats no other', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const before = (await list(owner, { sort: '-lastSeenAt', limit: '500' })).items.map((t) => t.tid);
    const first = await list(owner, { sort: '-lastSeenAt', limit: '4' });
    // Offline, so last in "most recently seen first"; back online it is the most recently seen of all.
    expect(before.slice(-2).sort()).toEqual([DEMO_TIDS.offline, DEMO_TIDS.openCommand].sort());
    expect(
      (await owner.post(`/__mock/terminals/${DEMO_TIDS.offline}/connectivity`, { online: true })).status,
    ).toBe(204);
    expect((await list(owner, { sort: '-lastSeenAt', limit: '1' })).items[0]!.tid).toBe(DEMO_TIDS.offline);
    const rest = tidsOf(await walk(owner, { sort: '-lastSeenAt', limit: '4', cursor: first.nextCursor! }));
    const seen = [...first.items.map((t) => t.tid), ...rest];
    expect(seen).toEqual(before.filter((tid) => tid !== DEMO_TIDS.offline));
  });

  it('lists a terminal whose key moved past the cursor again, and loses or repeats no other', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const before = (await list(owner, { sort: 'lastSeenAt', limit: '500' })).items.map((t) => t.tid);
    const first = await list(owner, { sort: 'lastSeenAt', limit: '4' });
    // The oldest contact first: the offline terminal is on page 1; back online it is the newest of all.
    expect(first.items.map((t) => t.tid)).toContain(DEMO_TIDS.offline);
    expect(
      (await owner.post(`/__mock/terminals/${DEMO_TIDS.offline}/connectivity`, { online: true })).status,
    ).toBe(204);
    const rest = tidsOf(await walk(owner, { sort: 'lastSeenAt', limit: '4', cursor: first.nextCursor! }));
    expect(rest.at(-1)).toBe(DEMO_TIDS.offline);
    const seen = [...first.items.map((t) => t.tid), ...rest.slice(0, -1)];
    expect(seen).toEqual(before);
  });

  it('refuses a cursor of another sort or list, or one not given out, with 400 naming the cursor', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    const cursor = (await list(support, { sort: 'storeName', limit: '3' })).nextCursor!;
    expect((await list(support, { sort: 'storeName', limit: '3', cursor })).items).toHaveLength(3);
    const audit = (await support.get('/audit-events', { limit: '1' })).body as { nextCursor: string };
    const transactions = (await support.get('/transactions', { limit: '1' })).body as { nextCursor: string };
    const forged = (json: string) => btoa(json).replaceAll('=', '');
    for (const [query, bad] of [
      [{ sort: '-storeName' }, cursor],
      [{ sort: 'model' }, cursor],
      [{}, cursor],
      [{ sort: 'storeName' }, audit.nextCursor],
      [{ sort: 'storeName' }, transactions.nextCursor],
      [{ sort: 'storeName' }, cursor.slice(0, -2)],
      [{ sort: 'storeName' }, `${cursor}!`],
      [{ sort: 'storeName' }, 'forged'],
      [{ sort: 'storeName' }, forged('{"l":"terminals:storeName","k":[1,"00000001"]}')],
      [{ sort: 'lastSeenAt' }, forged('{"l":"terminals:lastSeenAt","k":["soon","00000001"]}')],
      [{ sort: 'lastSeenAt' }, forged('{"l":"terminals:lastSeenAt","k":[1]}')],
      [{ sort: 'tid' }, forged('terminals:5')], // an offset cursor of before
    ] as const) {
      const response = await support.get('/terminals', { ...query, cursor: bad });
      expect(response.status, `${JSON.stringify(query)} ${bad}`).toBe(400);
      expect(codeOf(response)).toBe('request.malformed');
      expect((response.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
        'cursor',
      ]);
    }
  });
});

describe('pages of the fleet in every sort', () => {
  /** Every TID of the list, page by page. */
  const walk = async (client: TestClient, query: Record<string, string>) => {
    const tids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(client, cursor ? { ...query, cursor } : query);
      tids.push(...page.items.map((t) => t.tid));
      cursor = page.nextCursor;
    } while (cursor);
    return tids;
  };
  /** Every terminal of the filter sorted at once, here: the order the pages and the export must have. */
  const sortedHere = (acquirer: Acquirer, query: Record<string, string>) => {
    const { world } = acquirer.state;
    const now = acquirer.clock.now();
    const collator = new Intl.Collator('zh-CN', { numeric: true });
    const sort = query.sort ?? 'tid';
    const key = sort.replace(/^-/, '');
    const valueOf = (t: TerminalRecord): string | number => {
      if (key === 'storeName') return world.storeById.get(t.storeId)!.name;
      if (key === 'model') return t.model;
      if (key === 'lastSeenAt') return lastSeenOf(t, now);
      if (key === 'passwordChangedAt') return t.voidPassword.changedAt ?? -Infinity;
      return t.tid;
    };
    const rows = world.terminals
      .filter((t) => !query.status || (t.online ? 'online' : 'offline') === query.status)
      .filter((t) => !query.passwordState || passwordStateOf(t, now) === query.passwordState)
      .map((t) => ({ tid: t.tid, value: valueOf(t) }));
    rows.sort((a, b) => {
      const order =
        typeof a.value === 'string' && typeof b.value === 'string'
          ? collator.compare(a.value, b.value)
          : Number(a.value) - Number(b.value);
      return (order || (a.tid < b.tid ? -1 : 1)) * (sort.startsWith('-') ? -1 : 1);
    });
    return rows.map((r) => r.tid);
  };
  const exported = async (client: TestClient, query: Record<string, string>) => {
    const csv = (await client.get('/terminals/export', { ...query, lang: 'en' })).body as string;
    return csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]!);
  };

  it.each(['hostile', 'demo', 'large'] as const)(
    'add up, page by page, to the whole list in the order of the %s fleet',
    async (scenario) => {
      const acquirer = testAcquirer({ scenario });
      const support = await signedIn(acquirer, 'support');
      const limit = scenario === 'large' ? '499' : '7';
      const filters: Record<string, string>[] = [{}, { status: 'online' }, { passwordState: 'custom' }];
      for (const sort of TerminalSort.options) {
        for (const filter of filters) {
          const query: Record<string, string> = { sort, ...filter };
          const whole = sortedHere(acquirer, query);
          expect(whole.length, `${scenario} ${JSON.stringify(query)}`).toBeGreaterThan(2);
          expect(await walk(support, { ...query, limit }), `${scenario} ${JSON.stringify(query)}`).toEqual(
            whole,
          );
          expect(await exported(support, query), `${scenario} ${JSON.stringify(query)}`).toEqual(whole);
        }
      }
    },
    60_000,
  );
});
