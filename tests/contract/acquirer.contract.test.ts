// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { type Endpoint, endpoints } from '@contract/endpoint-table';
import { ProblemDetails } from '@contract/schemas/common';
import { DEMO_TIDS, DEMO_VOID_PASSWORD, MERCHANT_A } from '@acquirer/data/demo-fixtures';
import { englishIssues } from '@acquirer/zod-english';
import { type Backend, httpBackend, mswBackend } from './backends';
import { ApiUser, codeOf, control, PASSWORDS, signedIn } from './client';

/** One set of cases, two backends: a rule that holds on one and not the other fails here. */
const backends: Backend[] = [mswBackend(), httpBackend()];

function expectProblem(
  answer: { status: number; headers: Headers; body: unknown },
  status: number,
  code: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  const problem = ProblemDetails.parse(answer.body);
  expect(problem.code).toBe(code);
  expect(problem.status).toBe(status);
  return problem;
}

const parses = (schema: z.ZodMiniType, body: unknown) => {
  const result = schema.safeParse(body, englishIssues);
  return result.success ? 'ok' : z.prettifyError(result.error);
};

describe.each(backends)('the acquirer contract on $name', (backend) => {
  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  beforeEach(async () => {
    expect((await control(backend, '/reset', { scenario: 'demo' })).status).toBe(204);
  });

  describe('sign-in and sessions', () => {
    it('signs in with a session cookie (HttpOnly, SameSite=Strict) and a CSRF token', async () => {
      const user = new ApiUser(backend);
      const answer = await user.login('owner', PASSWORDS.owner);
      expect(answer.status).toBe(200);
      expect(parses(endpoints.login.response, answer.body)).toBe('ok');
      expect(answer.setCookies).toHaveLength(1);
      expect(answer.setCookies[0]).toMatch(/^mc_session=\w+; Path=\/; HttpOnly; SameSite=Strict/);
      const session = await user.get('/auth/session');
      expect(session.status).toBe(200);
      expect((session.body as { csrfToken: string }).csrfToken).toBe(user.csrfToken);
    });

    it('refuses a wrong password, counting down, and throttles the 5th failure with Retry-After', async () => {
      const user = new ApiUser(backend);
      const first = await user.login('owner', 'wrong-password');
      expect(expectProblem(first, 401, 'auth.invalid_credentials').attemptsRemaining).toBe(4);
      for (let i = 0; i < 3; i++) await user.login('owner', 'wrong-password');
      const fifth = await user.login('owner', 'wrong-password');
      expectProblem(fifth, 429, 'auth.throttled');
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
      expectProblem(await user.login('owner', PASSWORDS.owner), 429, 'auth.throttled');
    });

    it('answers 401 without a session and after sign-out', async () => {
      const anonymous = new ApiUser(backend);
      expectProblem(await anonymous.get('/terminals'), 401, 'auth.unauthenticated');
      const owner = await signedIn(backend, 'owner');
      expect((await owner.post('/auth/logout', undefined, { key: null })).status).toBe(204);
      expectProblem(await owner.get('/terminals'), 401, 'auth.unauthenticated');
    });

    it('refuses a mutation without the CSRF token', async () => {
      const owner = await signedIn(backend, 'owner');
      const answer = await owner.post(
        `/terminals/${DEMO_TIDS.custom}/void-password/change`,
        { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' },
        { noCsrf: true },
      );
      expectProblem(answer, 403, 'auth.csrf');
    });
  });

  describe('reading', () => {
    it('answers every parameterless GET of the contract with a body its schema accepts', async () => {
      const support = await signedIn(backend, 'support');
      const gets = (Object.entries(endpoints) as [string, Endpoint][]).filter(
        ([, e]) => e.method === 'GET' && !e.path.includes(':'),
      );
      expect(gets.length).toBeGreaterThan(5);
      for (const [name, endpoint] of gets) {
        const answer = await support.get(endpoint.path, name === 'merchants' ? { q: '悦来' } : undefined);
        expect.soft(answer.status, name).toBe(endpoint.status);
        expect(answer.headers.get('date'), name).toBeTruthy();
        expect(answer.headers.get('cache-control'), name).toBe('no-store');
        if (endpoint.response === 'csv') expect(answer.body as string, name).toMatch(/^\uFEFF/);
        else if (endpoint.response) expect.soft(parses(endpoint.response, answer.body), name).toBe('ok');
      }
    });

    it('shows a cashier only their merchant, and another merchant’s terminal is a 404', async () => {
      const cashier = await signedIn(backend, 'cashier');
      const page = endpoints.terminals.response.parse(
        (await cashier.get('/terminals', { limit: '200' })).body,
      );
      expect(page.items.length).toBeGreaterThan(0);
      expect(new Set(page.items.map((t) => t.merchantId))).toEqual(new Set([MERCHANT_A]));
      expectProblem(await cashier.get(`/terminals/${DEMO_TIDS.merchantBCustom}`), 404, 'not_found');
    });

    it('answers a terminal with its version as the ETag', async () => {
      const owner = await signedIn(backend, 'owner');
      const answer = await owner.get(`/terminals/${DEMO_TIDS.custom}`);
      const detail = endpoints.terminal.response.parse(answer.body);
      expect(answer.headers.get('etag')).toBe(detail.version);
    });

    it('exports a terminal’s transactions in the language asked, named after the terminal', async () => {
      const owner = await signedIn(backend, 'owner');
      for (const [lang, header, sale] of [
        ['zh-CN', '\uFEFF交易编号,交易时间（北京时间）,商户号,终端号,', ',消费,成功,芯片卡,'],
        ['en', '\uFEFFTransaction ID,Time (China Standard Time),MID,TID,', ',Sale,Approved,Chip card,'],
      ] as const) {
        const answer = await owner.get('/transactions/export', { terminalId: DEMO_TIDS.custom, lang });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-disposition')).toMatch(
          new RegExp(`^attachment; filename="transactions-${DEMO_TIDS.custom}-\\d{8}\\.csv"$`),
        );
        const csv = answer.body as string;
        expect(csv.startsWith(header), lang).toBe(true);
        expect(csv, lang).toContain(sale);
      }
      expectProblem(await owner.get('/transactions/export', { lang: 'fr' }), 400, 'request.malformed');
    });

    it('exports the fleet in the language asked', async () => {
      const owner = await signedIn(backend, 'owner');
      for (const [lang, header, state] of [
        ['zh-CN', '\uFEFF终端号,序列号,型号,', ',出厂默认,'],
        ['en', '\uFEFFTID,SN,Model,', ',Factory default,'],
      ] as const) {
        const answer = await owner.get('/terminals/export', { passwordState: 'default', lang });
        expect(answer.status).toBe(200);
        const csv = answer.body as string;
        expect(csv.startsWith(header), lang).toBe(true);
        expect(csv, lang).toContain(state);
      }
    });

    it('answers unknown paths and bad bodies as problems', async () => {
      const owner = await signedIn(backend, 'owner');
      expectProblem(await owner.get('/no-such-endpoint'), 404, 'not_found');
      expectProblem(
        await owner.post('/auth/step-up', { password: 42 }, { key: null }),
        400,
        'request.malformed',
      );
    });
  });

  describe('changing a void password', () => {
    const tid = DEMO_TIDS.custom;
    const path = `/terminals/${tid}/void-password/change`;

    it('queues a change, replays it for the same key and refuses the key with another body', async () => {
      const owner = await signedIn(backend, 'owner');
      const body = { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' };
      const first = await owner.post(path, body, { key: 'change-1' });
      expect(first.status).toBe(202);
      const { command } = endpoints.changeVoidPassword.response.parse(first.body);
      expect(command).toMatchObject({ tid, kind: 'change', status: 'queued' });
      const replay = await owner.post(path, body, { key: 'change-1' });
      expect(replay.status).toBe(202);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get('idempotency-replayed')).toBe('true');
      const other = await owner.post(path, { ...body, newPassword: '370914' }, { key: 'change-1' });
      expectProblem(other, 422, 'idempotency.mismatch');
      expectProblem(await owner.post(path, { ...body, newPassword: '370914' }), 409, 'command.already_open');
    });

    it('applies the change at the terminal’s next heartbeat', async () => {
      const owner = await signedIn(backend, 'owner');
      const queued = await owner.post(path, { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' });
      const { command } = endpoints.changeVoidPassword.response.parse(queued.body);
      expect((await control(backend, '/clock', { advanceMs: 31_000 })).status).toBe(200);
      const later = endpoints.command.response.parse(
        (await owner.get(`/password-commands/${command.id}`)).body,
      );
      expect(later.command.status).toBe('applied');
      // The new PIN is now the current one: a change from it works.
      const next = await owner.post(path, { currentPassword: '581937', newPassword: '370914' });
      expect(next.status).toBe(202);
    });

    it('refuses a weak new PIN without costing an attempt, and counts a wrong current PIN', async () => {
      const owner = await signedIn(backend, 'owner');
      const weak = await owner.post(path, { currentPassword: DEMO_VOID_PASSWORD, newPassword: '123456' });
      expect(weak.status).toBe(422);
      expect(codeOf(weak)).toMatch(/^pin\./);
      const wrong = await owner.post(path, { currentPassword: '000001', newPassword: '581937' });
      expect(expectProblem(wrong, 422, 'pin.wrong_current').attemptsRemaining).toBe(4);
    });

    it('locks the void password at the 5th wrong attempt; the right PIN is then refused too', async () => {
      const owner = await signedIn(backend, 'owner');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await owner.post(path, { currentPassword: '000001', newPassword: '581937' })).status);
      }
      expect(statuses).toEqual([422, 422, 422, 422, 423]);
      const right = await owner.post(path, { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' });
      expectProblem(right, 423, 'pin.locked');
    });

    it('answers 412 version.conflict to a stale If-Match, and takes the current one', async () => {
      const owner = await signedIn(backend, 'owner');
      const version = endpoints.terminal.response.parse((await owner.get(`/terminals/${tid}`)).body).version;
      // The terminal changes under the user: a wrong attempt elsewhere bumps its version.
      await owner.post(path, { currentPassword: '000001', newPassword: '581937' });
      const body = { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' };
      expectProblem(
        await owner.post(path, body, { headers: { 'If-Match': version } }),
        412,
        'version.conflict',
      );
      const fresh = endpoints.terminal.response.parse((await owner.get(`/terminals/${tid}`)).body).version;
      expect(fresh).not.toBe(version);
      expect((await owner.post(path, body, { headers: { 'If-Match': fresh } })).status).toBe(202);
    });

    it('lets only an owner change (a cashier gets 403)', async () => {
      const cashier = await signedIn(backend, 'cashier');
      const answer = await cashier.post(path, { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' });
      expectProblem(answer, 403, 'auth.forbidden');
    });
  });

  describe('resetting a void password', () => {
    const tid = DEMO_TIDS.defaultPassword;
    const path = `/terminals/${tid}/void-password/reset`;

    it('needs a step-up of this user, and shows a temporary PIN once per request', async () => {
      const owner = await signedIn(backend, 'owner');
      expectProblem(await owner.post(path, { generateTemporary: true }), 403, 'auth.step_up_required');
      const wrong = await owner.post('/auth/step-up', { password: 'not-it' }, { key: null });
      expectProblem(wrong, 403, 'auth.invalid_credentials');
      // Another user's step-up token does not count for this user.
      const support = await signedIn(backend, 'support');
      const foreign = await support.stepUp('support');
      expectProblem(
        await owner.post(path, { generateTemporary: true }, { stepUpToken: foreign }),
        403,
        'auth.step_up_required',
      );
      const token = await owner.stepUp('owner');
      const answer = await owner.post(
        path,
        { generateTemporary: true },
        { stepUpToken: token, key: 'reset-1' },
      );
      expect(answer.status).toBe(202);
      const body = endpoints.resetVoidPassword.response.parse(answer.body);
      expect(body.temporaryPassword).toMatch(/^\d{6}$/);
      expect(body.command).toMatchObject({ tid, kind: 'reset', status: 'queued' });
    });

    it('asks support for the ticket and the reason', async () => {
      const support = await signedIn(backend, 'support');
      const token = await support.stepUp('support');
      const answer = await support.post(path, { newPassword: '581937' }, { stepUpToken: token });
      const problem = expectProblem(answer, 422, 'validation');
      expect(problem.errors?.map((e) => e.field).sort()).toEqual(['reason', 'ticketId']);
    });

    it('expires the step-up after 5 minutes', async () => {
      const owner = await signedIn(backend, 'owner');
      const token = await owner.stepUp('owner');
      await control(backend, '/clock', { advanceMs: 5 * 60_000 + 1000 });
      expectProblem(
        await owner.post(path, { newPassword: '581937' }, { stepUpToken: token }),
        403,
        'auth.step_up_required',
      );
    });
  });

  describe('what each role is answered (decision 010)', () => {
    it('gives a cashier terminals, overview and alerts without void-password state, and no void review', async () => {
      const cashier = await signedIn(backend, 'cashier');
      const page = endpoints.terminals.response.parse((await cashier.get('/terminals')).body);
      expect(page.items.every((t) => t.voidPassword === null && t.openCommand === null)).toBe(true);
      expect(page.counts).toEqual({ offline: 2 });
      const detail = endpoints.terminal.response.parse(
        (await cashier.get(`/terminals/${DEMO_TIDS.defaultPassword}`)).body,
      );
      expect(detail.voidPassword).toBeNull();
      const overview = endpoints.overview.response.parse((await cashier.get('/overview')).body);
      expect(overview.terminals.factoryPassword).toBeUndefined();
      expect(overview.voidsByDay).toBeUndefined();
      const alerts = endpoints.alerts.response.parse((await cashier.get('/alerts')).body);
      expect(alerts.items.every((a) => a.kind === 'offline')).toBe(true);
      expectProblem(await cashier.get('/terminals', { passwordState: 'default' }), 403, 'auth.forbidden');
      expectProblem(await cashier.get('/transactions/void-summary'), 403, 'auth.forbidden');
      const owner = await signedIn(backend, 'owner');
      const owners = endpoints.terminal.response.parse(
        (await owner.get(`/terminals/${DEMO_TIDS.defaultPassword}`)).body,
      );
      expect(owners.voidPassword?.state).toBe('default');
    });
  });

  describe('filters and searches', () => {
    it('filters terminals to stale passwords and open commands, and sorts by the last change', async () => {
      const owner = await signedIn(backend, 'owner');
      const tids = async (query: Record<string, string>) =>
        endpoints.terminals.response
          .parse((await owner.get('/terminals', query)).body)
          .items.map((t) => t.tid);
      expect(await tids({ passwordAge: 'stale' })).toEqual([DEMO_TIDS.stalePassword]);
      expect(await tids({ command: 'open' })).toEqual([DEMO_TIDS.openCommand]);
      const oldestFirst = await tids({ sort: 'passwordChangedAt' });
      expect(oldestFirst.indexOf(DEMO_TIDS.stalePassword)).toBe(4); // after the 4 never changed
    });

    it('finds a merchant by a phone typed with +86 and dashes, a sale by part of its trace number, an event by ticket', async () => {
      const support = await signedIn(backend, 'support');
      const byMid = endpoints.merchants.response.parse(
        (await support.get('/merchants', { q: MERCHANT_A })).body,
      );
      const last4 = byMid.items[0]!.phoneMasked.slice(-4);
      const byPhone = endpoints.merchants.response.parse(
        (await support.get('/merchants', { q: `+86-${last4}` })).body,
      );
      expect(byPhone.items.map((m) => m.id)).toContain(MERCHANT_A);
      const owner = await signedIn(backend, 'owner');
      const sales = endpoints.transactions.response.parse(
        (await owner.get('/transactions', { q: '9001', terminalId: DEMO_TIDS.custom, limit: '500' })).body,
      );
      expect(sales.items.map((t) => t.traceNo)).toContain('900101');
      const events = endpoints.auditEvents.response.parse(
        (await support.get('/audit-events', { ticketId: 'tk-20240611 0387' })).body,
      );
      expect(events.total).toBeGreaterThan(0);
      expect(events.items.every((e) => e.ticketId === 'TK-20240611-0387')).toBe(true);
    });
  });

  describe('the control surface', () => {
    it('injects a fault for the next matching call', async () => {
      const owner = await signedIn(backend, 'owner');
      expect(
        (await control(backend, '/faults', { method: 'GET', path: '/alerts', status: 503 })).status,
      ).toBe(204);
      expect((await owner.get('/alerts')).status).toBe(503);
      expect((await owner.get('/alerts')).status).toBe(200);
    });
  });
});
