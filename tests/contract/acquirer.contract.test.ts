// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { DEMO_TIDS, DEMO_VOID_PASSWORD, MERCHANT_A } from '@acquirer/data/demo-fixtures';
import { englishIssues } from '@acquirer/zod-english';
import { type Endpoint, endpoints } from '@contract/endpoint-table';
import { ProblemDetails } from '@contract/schemas/common';
import { LiveEvent } from '@contract/schemas/events';
import { TerminalSort } from '@contract/schemas/terminals';
import { readSse, type SseMessage } from '../../server/sse-testing';
import { type Backend, httpBackend, mswBackend, postgresBackend } from './backends';
import { ApiUser, codeOf, control, PASSWORDS, resetToTemporaryPin, signedIn } from './client';

/** One set of cases, every backend: a rule that holds on one and not another fails here. */
const backends: Backend[] = [mswBackend(), httpBackend(), postgresBackend()];

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

    it('throttles one client after 30 failed sign-ins of random names, audits no more, and forgets after 15 minutes', async () => {
      const support = await signedIn(backend, 'support'); // before the flood: it shares the client's IP
      const failedSignIns = async () =>
        endpoints.auditEvents.response.parse(
          (await support.get('/audit-events', { type: 'auth.login_failed', limit: '1' })).body,
        ).total;
      const before = await failedSignIns();
      const flood = new ApiUser(backend);
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        statuses.push(
          (await flood.login(`nobody-${i}-${Math.random().toString(36).slice(2)}`, 'guess')).status,
        );
      }
      expect(statuses).toEqual([...Array<number>(29).fill(401), ...Array<number>(31).fill(429)]);
      const throttled = await flood.login('owner', PASSWORDS.owner);
      expect(Number(expectProblem(throttled, 429, 'auth.throttled').retryAfter)).toBeGreaterThan(60);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(60);
      // One audit event per attempt counted (the 30th throttled the client), none for the refused ones.
      expect((await failedSignIns()) - before).toBe(30);
      expect((await control(backend, '/clock', { advanceMs: 15 * 60_000 })).status).toBe(200);
      expectProblem(await flood.login('nobody-later', 'guess'), 401, 'auth.invalid_credentials');
      expect((await flood.login('owner', PASSWORDS.owner)).status).toBe(200);
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
      // The live stream does not end: it has a case of its own.
      const gets = (Object.entries(endpoints) as [string, Endpoint][]).filter(
        ([, e]) => e.method === 'GET' && !e.path.includes(':') && e.response !== 'event-stream',
      );
      expect(gets.length).toBeGreaterThan(5);
      for (const [name, endpoint] of gets) {
        const answer = await support.get(endpoint.path, name === 'merchants' ? { q: '悦来' } : undefined);
        expect.soft(answer.status, name).toBe(endpoint.status);
        expect(answer.headers.get('date'), name).toBeTruthy();
        expect(answer.headers.get('cache-control'), name).toBe('no-store');
        if (endpoint.response === 'csv') expect(answer.body as string, name).toMatch(/^\uFEFF/);
        else if (endpoint.response && endpoint.response !== 'event-stream')
          expect.soft(parses(endpoint.response, answer.body), name).toBe('ok');
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

    it('records each export in the audit trail (on PostgreSQL, read back through the other process)', async () => {
      const owner = await signedIn(backend, 'owner');
      const exports = async () => {
        const page = await owner.get('/audit-events', { type: 'transactions.exported', limit: '500' });
        return endpoints.auditEvents.response.parse(page.body).items;
      };
      const before = (await exports()).length;
      const answer = await owner.get('/transactions/export', { terminalId: DEMO_TIDS.custom, lang: 'en' });
      expect(answer.status).toBe(200);
      const after = await exports();
      expect(after).toHaveLength(before + 1);
      expect(after[0]).toMatchObject({ actor: 'owner', action: 'transactions.exported', outcome: 'success' });
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

  describe('bodies the acquirer takes', () => {
    const login = (user: ApiUser, rawBody: string | Blob, contentType?: string) =>
      user.call('POST', '/auth/login', {
        rawBody,
        key: null,
        headers: contentType ? { 'Content-Type': contentType } : {},
      });
    const credentials = JSON.stringify({ username: 'owner', password: PASSWORDS.owner });

    it('answers 415 to a body not declared as JSON, on sign-in and on mutations', async () => {
      const anonymous = new ApiUser(backend);
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ]) {
        expectProblem(await login(anonymous, credentials, type), 415, 'request.unsupported_media_type');
      }
      // A Blob without a type: the request declares no Content-Type at all.
      expectProblem(await login(anonymous, new Blob([credentials])), 415, 'request.unsupported_media_type');
      const owner = await signedIn(backend, 'owner');
      const change = await owner.call('POST', `/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        rawBody: JSON.stringify({ currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' }),
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      });
      expectProblem(change, 415, 'request.unsupported_media_type');
      // Nothing was done: the same change declared as JSON is queued.
      const json = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '581937',
      });
      expect(json.status).toBe(202);
    });

    it('takes JSON with charset=utf-8, and a mutation without a body needs no Content-Type', async () => {
      const user = new ApiUser(backend);
      const answer = await login(user, credentials, 'application/json; charset=utf-8');
      expect(answer.status).toBe(200);
      expect((await login(new ApiUser(backend), credentials, 'Application/JSON')).status).toBe(200);
      user.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
      expect((await user.post('/auth/logout', undefined, { key: null })).status).toBe(204);
    });

    it('answers 400 to a body nested 5,000 deep on an idempotent endpoint, not a 500', async () => {
      const owner = await signedIn(backend, 'owner');
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const rawBody of [
        `{"currentPassword":${deep},"newPassword":"581937"}`,
        `{"ignored":${deep.replaceAll('[', '{"a":').replaceAll(']', '}').replace('{"a":}', '1')}}`,
      ]) {
        const answer = await owner.call('POST', `/terminals/${DEMO_TIDS.custom}/void-password/change`, {
          rawBody,
          headers: { 'Content-Type': 'application/json' },
        });
        expectProblem(answer, 400, 'request.malformed');
      }
      // A quoted bracket is text, not depth.
      const text = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        currentPassword: '['.repeat(60),
        newPassword: '581937',
      });
      expect(text.status).toBe(422);
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

    it('refuses a current PIN that cannot be a PIN with pin.format, costing none of the 5 attempts', async () => {
      const owner = await signedIn(backend, 'owner');
      for (const current of ['1', '１２３４５６', 'abcdef', '1', '１２３４５６', 'abcdef']) {
        const answer = await owner.post(path, { currentPassword: current, newPassword: '581937' });
        const problem = expectProblem(answer, 422, 'pin.format');
        expect(problem.errors).toEqual([
          expect.objectContaining({ field: 'currentPassword', code: 'pin.format' }),
        ]);
      }
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

    it('shows the temporary PIN again on a replay only to the session that asked, with a valid step-up, while open', async () => {
      const owner = new ApiUser(backend);
      // The PIN is held by the process that made it, never stored: where several serve, a retry reaches it
      // through session affinity (docs/operations/several-processes.md).
      owner.agent.sticky = true;
      expect((await owner.login('owner', PASSWORDS.owner)).status).toBe(200);
      const token = await owner.stepUp('owner');
      const reset = (user: ApiUser, stepUpToken?: string) =>
        user.post(
          path,
          { generateTemporary: true },
          { key: 'reset-replay', ...(stepUpToken ? { stepUpToken } : {}) },
        );
      const first = endpoints.resetVoidPassword.response.parse((await reset(owner, token)).body);
      expect(first.temporaryPassword).toMatch(/^\d{6}$/);
      const again = await reset(owner, token);
      expect(again.headers.get('idempotency-replayed')).toBe('true');
      expect(again.body).toEqual(first);
      expectProblem(await reset(owner), 403, 'auth.step_up_required');
      // Signed out and in again: a new session gets the command, not the PIN.
      expect((await owner.post('/auth/logout', undefined, { key: null })).status).toBe(204);
      const back = await signedIn(backend, 'owner');
      const replayed = await reset(back, await back.stepUp('owner'));
      expect(replayed.status).toBe(202);
      expect(replayed.body).toEqual({ command: first.command });
    });

    it('answers a replay of a cancelled reset without its temporary PIN', async () => {
      const owner = await signedIn(backend, 'owner');
      const token = await owner.stepUp('owner');
      const send = () =>
        owner.post(path, { generateTemporary: true }, { key: 'reset-cancel', stepUpToken: token });
      const first = endpoints.resetVoidPassword.response.parse((await send()).body);
      expect((await owner.post(`/password-commands/${first.command.id}/cancel`)).status).toBe(200);
      const replayed = await send();
      expect(replayed.status).toBe(202);
      expect(replayed.body).toEqual({ command: first.command });
    });

    it('asks support for the ticket and the reason', async () => {
      const support = await signedIn(backend, 'support');
      const token = await support.stepUp('support');
      const answer = await support.post(path, { newPassword: '581937' }, { stepUpToken: token });
      const problem = expectProblem(answer, 422, 'validation');
      expect(problem.errors?.map((e) => e.field).sort()).toEqual(['reason', 'ticketId']);
    });

    it('refuses a ticket or reason of nothing but invisible characters, for a reset and a bulk reset', async () => {
      const support = await signedIn(backend, 'support');
      const token = await support.stepUp('support');
      const invisible = { ticketId: '\u200B\u200C\u200D', reason: '\uFEFF\u2060 \t\u200B' };
      const reset = await support.post(path, { newPassword: '581937', ...invisible }, { stepUpToken: token });
      const problem = expectProblem(reset, 422, 'validation');
      expect(problem.errors?.map((e) => e.field).sort()).toEqual(['reason', 'ticketId']);
      const bulk = await support.post(
        '/void-password/bulk-resets',
        { terminalIds: [tid], newPassword: '581937', ...invisible },
        { stepUpToken: token },
      );
      expect(
        expectProblem(bulk, 422, 'validation')
          .errors?.map((e) => e.field)
          .sort(),
      ).toEqual(['reason', 'ticketId']);
      // Visible text with invisible edges is taken, trimmed.
      const taken = await support.post(
        path,
        { newPassword: '581937', ticketId: '\u200BTK-1\uFEFF', reason: '\u2060lost PIN ' },
        { stepUpToken: token },
      );
      expect(taken.status).toBe(202);
      const events = endpoints.auditEvents.response.parse(
        (await support.get('/audit-events', { terminalId: tid })).body,
      );
      expect(events.items.find((e) => e.action === 'void_password.reset_requested')).toMatchObject({
        ticketId: 'TK-1',
        reason: 'lost PIN',
      });
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

  describe('firmware updates (decision 024)', () => {
    interface Row {
      tid: string;
      merchantId: string;
      status: string;
      firmware: string;
      firmwareUpdate: string | null;
      openCommand?: { id: string } | null;
    }
    /** Terminals of the owner's merchants, online, with no open command: outdated ones, then current ones. */
    async function candidates(user: ApiUser) {
      const rows = (
        (await user.get('/terminals', { status: 'online', limit: '500' })).body as { items: Row[] }
      ).items.filter((t) => !t.openCommand && t.merchantId === MERCHANT_A);
      const outdated = rows.filter((t) => t.firmwareUpdate !== null);
      const current = rows.filter((t) => t.firmwareUpdate === null);
      expect(outdated.length).toBeGreaterThanOrEqual(3);
      expect(current.length).toBeGreaterThanOrEqual(1);
      return { outdated, current };
    }
    const outdatedTids = async (user: ApiUser) =>
      (
        (await user.get('/terminals', { firmware: 'outdated', limit: '500' })).body as { items: Row[] }
      ).items.map((t) => t.tid);

    it('schedules an update to the model’s current release, one command at a time, applied at the next heartbeat', async () => {
      const owner = await signedIn(backend, 'owner');
      const { outdated, current } = await candidates(owner);
      const target = outdated[0]!;
      const path = `/terminals/${target.tid}/firmware-update`;
      const first = await owner.post(path, undefined, { key: 'fw-1' });
      expect(first.status).toBe(202);
      const { command } = endpoints.scheduleFirmwareUpdate.response.parse(first.body);
      expect(command).toMatchObject({
        tid: target.tid,
        kind: 'firmware',
        status: 'queued',
        firmwareVersion: target.firmwareUpdate,
      });
      const replay = await owner.post(path, undefined, { key: 'fw-1' });
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get('idempotency-replayed')).toBe('true');
      // One open command per terminal: a second update, or a PIN change, waits.
      expectProblem(await owner.post(path), 409, 'command.already_open');
      expectProblem(
        await owner.post(
          `/terminals/${target.tid}/void-password/reset`,
          { generateTemporary: true },
          {
            stepUpToken: await owner.stepUp('owner'),
          },
        ),
        409,
        'command.already_open',
      );
      // A terminal on its current release has nothing to update.
      expectProblem(
        await owner.post(`/terminals/${current[0]!.tid}/firmware-update`),
        409,
        'firmware.already_current',
      );

      expect((await control(backend, '/clock', { advanceMs: 31_000 })).status).toBe(200);
      const applied = endpoints.command.response.parse(
        (await owner.get(`/password-commands/${command.id}`)).body,
      );
      expect(applied.command).toMatchObject({ status: 'applied', kind: 'firmware' });
      const detail = (await owner.get(`/terminals/${target.tid}`)).body as Row;
      expect(detail.firmware).toBe(target.firmwareUpdate);
      expect(detail.firmwareUpdate).toBeNull();
      expect(await outdatedTids(owner)).not.toContain(target.tid);
      const history = endpoints.commandHistory.response.parse(
        (await owner.get(`/terminals/${target.tid}/void-password/commands`)).body,
      );
      expect(history.items[0]).toMatchObject({ id: command.id, kind: 'firmware', status: 'applied' });
      const audit = (await owner.get('/audit-events', { tid: target.tid })).body as {
        items: { action: string }[];
      };
      expect(audit.items.map((e) => e.action)).toEqual(
        expect.arrayContaining(['firmware.update_requested', 'firmware.updated']),
      );
    });

    it('is cancelled while queued, and the terminal keeps its firmware', async () => {
      const owner = await signedIn(backend, 'owner');
      const target = (await candidates(owner)).outdated[1]!;
      const queued = await owner.post(`/terminals/${target.tid}/firmware-update`);
      const { command } = endpoints.scheduleFirmwareUpdate.response.parse(queued.body);
      const cancelled = await owner.post(`/password-commands/${command.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect((cancelled.body as { command: { status: string } }).command.status).toBe('cancelled');
      expect((await control(backend, '/clock', { advanceMs: 31_000 })).status).toBe(200);
      expect(((await owner.get(`/terminals/${target.tid}`)).body as Row).firmware).toBe(target.firmware);
    });

    it('is for the owner and support, not a cashier', async () => {
      const owner = await signedIn(backend, 'owner');
      const { outdated } = await candidates(owner);
      const cashier = await signedIn(backend, 'cashier');
      const refused = expectProblem(
        await cashier.post(`/terminals/${outdated[0]!.tid}/firmware-update`),
        403,
        'auth.forbidden',
      );
      expect(refused.detail).toMatch(/firmware/);
      expectProblem(
        await cashier.post('/terminals/firmware-update', { terminalIds: [outdated[0]!.tid] }),
        403,
        'auth.forbidden',
      );
      const support = await signedIn(backend, 'support');
      const bySupport = await support.post(`/terminals/${outdated[0]!.tid}/firmware-update`);
      expect(bySupport.status).toBe(202);
      expect((bySupport.body as { command: { requestedBy: string } }).command.requestedBy).toBeTruthy();
    });

    it('schedules in bulk and answers per terminal: scheduled, already current, busy, not found', async () => {
      const owner = await signedIn(backend, 'owner');
      const { outdated, current } = await candidates(owner);
      const busy = outdated[2]!;
      const open = endpoints.scheduleFirmwareUpdate.response.parse(
        (await owner.post(`/terminals/${busy.tid}/firmware-update`)).body,
      ).command;
      const body = {
        terminalIds: [outdated[0]!.tid, current[0]!.tid, busy.tid, '99999999', outdated[0]!.tid],
      };
      const answer = await owner.post('/terminals/firmware-update', body, { key: 'bulk-fw-1' });
      expect(answer.status).toBe(200);
      const result = endpoints.bulkFirmwareUpdate.response.parse(answer.body);
      expect(result).toMatchObject({ total: 4, scheduled: 1, alreadyCurrent: 1, busy: 1, notFound: 1 });
      expect(result.results).toEqual([
        expect.objectContaining({
          tid: outdated[0]!.tid,
          result: 'scheduled',
          firmwareVersion: outdated[0]!.firmwareUpdate,
        }),
        { tid: current[0]!.tid, result: 'already_current' },
        { tid: busy.tid, result: 'busy', commandId: open.id },
        { tid: '99999999', result: 'not_found' },
      ]);
      const replay = await owner.post('/terminals/firmware-update', body, { key: 'bulk-fw-1' });
      expect(replay.body).toEqual(answer.body);
      // By filter: every outdated terminal not already busy; none left outdated once they applied.
      const byFilter = endpoints.bulkFirmwareUpdate.response.parse(
        (
          await owner.post('/terminals/firmware-update', {
            filter: { firmware: 'outdated', status: 'online' },
          })
        ).body,
      );
      expect(byFilter.scheduled).toBeGreaterThan(0);
      expect(byFilter.alreadyCurrent).toBe(0);
      expectProblem(
        await owner.post('/terminals/firmware-update', { terminalIds: [] }),
        400,
        'request.malformed',
      );
      expectProblem(
        await owner.post('/terminals/firmware-update', { filter: { q: 'no-such-terminal-anywhere' } }),
        422,
        'validation',
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

    it('flags the terminals on an older firmware release, lists them by that, and counts them on the overview', async () => {
      const support = await signedIn(backend, 'support');
      const all = endpoints.terminals.response.parse(
        (await support.get('/terminals', { limit: '500' })).body,
      );
      const behind = all.items.filter((t) => t.firmwareUpdate !== null);
      expect(behind.length).toBeGreaterThan(0);
      expect(behind.length).toBeLessThan(all.items.length);
      for (const t of behind) expect(t.firmwareUpdate).not.toBe(t.firmware);
      const outdated = endpoints.terminals.response.parse(
        (await support.get('/terminals', { firmware: 'outdated', limit: '500' })).body,
      );
      expect(outdated.items.map((t) => t.tid).sort()).toEqual(behind.map((t) => t.tid).sort());
      const overview = endpoints.overview.response.parse((await support.get('/overview')).body);
      expect(overview.terminals.outdatedFirmware).toBe(behind.length);
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

  describe('keyset cursors (decision 004)', () => {
    type Page = { items: { id?: string; tid?: string }[]; nextCursor: string | null; total: number };
    /** Every page from the cursor (or the first), following nextCursor. */
    const walk = async (
      user: ApiUser,
      path: string,
      query: Record<string, string>,
      cursor?: string | null,
    ) => {
      const pages: Page[] = [];
      let next = cursor ?? null;
      do {
        const answer = await user.get(path, { ...query, ...(next ? { cursor: next } : {}) });
        expect(answer.status, `${path} ${JSON.stringify(query)}`).toBe(200);
        pages.push(answer.body as Page);
        next = pages.at(-1)!.nextCursor;
      } while (next);
      return pages;
    };
    const tidsOf = (pages: Page[]) => pages.flatMap((p) => p.items.map((t) => t.tid!));
    /** Offline terminals keep their last contact, so the "last seen" order stands still while time flows. */
    const allOffline = async (user: ApiUser) => {
      const fleet = endpoints.terminals.response.parse((await user.get('/terminals', { limit: '500' })).body);
      for (const t of fleet.items.filter((t) => t.status === 'online'))
        expect((await control(backend, `/terminals/${t.tid}/connectivity`, { online: false })).status).toBe(
          204,
        );
      return fleet.items.map((t) => t.tid);
    };

    it('walks every page of every sort of the fleet to the whole fleet, each terminal once', async () => {
      const support = await signedIn(backend, 'support');
      const fleet = await allOffline(support);
      for (const sort of TerminalSort.options) {
        const whole = await walk(support, '/terminals', { sort, limit: '500' });
        expect(whole).toHaveLength(1);
        const pages = await walk(support, '/terminals', { sort, limit: '5' });
        expect(tidsOf(pages), sort).toEqual(tidsOf(whole));
        expect(new Set(tidsOf(pages))).toEqual(new Set(fleet));
        expect(pages.every((p) => p.total === fleet.length)).toBe(true);
      }
    });

    // A terminal whose key changes between two pages is listed where its new key puts it: not again if
    // that is among the rows given out, a second time if it moved past the cursor. No other terminal
    // repeats or vanishes.
    it('lists a terminal seen again after page 1 per its new key, and loses or repeats no other', async () => {
      const owner = await signedIn(backend, 'owner');
      await allOffline(owner);
      const newestFirst = tidsOf(await walk(owner, '/terminals', { sort: '-lastSeenAt', limit: '500' }));
      const first = (await owner.get('/terminals', { sort: '-lastSeenAt', limit: '4' })).body as Page;
      const back = newestFirst.at(-1)!; // the longest unseen: beyond the cursor, until it is seen now
      expect((await control(backend, `/terminals/${back}/connectivity`, { online: true })).status).toBe(204);
      const rest = await walk(owner, '/terminals', { sort: '-lastSeenAt', limit: '4' }, first.nextCursor);
      expect([...tidsOf([first]), ...tidsOf(rest)]).toEqual(newestFirst.filter((tid) => tid !== back));
      expect(rest.every((p) => p.total === newestFirst.length)).toBe(true);

      const oldestFirst = tidsOf(await walk(owner, '/terminals', { sort: 'lastSeenAt', limit: '500' }));
      const page1 = (await owner.get('/terminals', { sort: 'lastSeenAt', limit: '4' })).body as Page;
      const moved = page1.items[0]!.tid!; // seen now: from page 1 to the end
      expect((await control(backend, `/terminals/${moved}/connectivity`, { online: true })).status).toBe(204);
      const later = tidsOf(
        await walk(owner, '/terminals', { sort: 'lastSeenAt', limit: '4' }, page1.nextCursor),
      );
      expect(later.at(-1)).toBe(moved);
      expect([...tidsOf([page1]), ...later.slice(0, -1)]).toEqual(oldestFirst);
    });

    it('pages the audit trail by the last event given out: a sign-in between two pages repeats and hides none', async () => {
      const support = await signedIn(backend, 'support');
      const before = (await walk(support, '/audit-events', { limit: '500' })).flatMap((p) => p.items);
      const first = (await support.get('/audit-events', { limit: '5' })).body as Page;
      await signedIn(backend, 'owner'); // a new event, newer than every row of page 1
      const rest = await walk(support, '/audit-events', { limit: '5' }, first.nextCursor);
      expect(rest.every((p) => p.total === before.length + 1)).toBe(true);
      const seen = [...first.items, ...rest.flatMap((p) => p.items)].map((e) => e.id);
      expect(seen).toEqual(before.map((e) => e.id));
      const newest = endpoints.auditEvents.response.parse(
        (await support.get('/audit-events', { limit: '1' })).body,
      );
      expect(newest.items[0]).toMatchObject({ action: 'auth.login', actor: 'owner' });
    });

    it('walks every page of the sales, each once, with the total and summary of the whole', async () => {
      const owner = await signedIn(backend, 'owner');
      const whole = (await walk(owner, '/transactions', { limit: '500' })).map((p) =>
        endpoints.transactions.response.parse(p),
      );
      const ids = whole.flatMap((p) => p.items.map((t) => t.id));
      expect(ids.length).toBe(whole[0]!.total);
      const pages = await walk(owner, '/transactions', { limit: '45' });
      expect(pages.length).toBeGreaterThan(2);
      expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual(ids);
      for (const page of pages) {
        const parsed = endpoints.transactions.response.parse(page);
        expect(parsed.total).toBe(ids.length);
        expect(parsed.summary).toEqual(whole[0]!.summary);
      }
    });

    it('pages the sales by the last one given out: a sale made between two pages repeats and hides none', async () => {
      const owner = await signedIn(backend, 'owner');
      const before = (await walk(owner, '/transactions', { limit: '500' })).flatMap((p) => p.items);
      const first = endpoints.transactions.response.parse(
        (await owner.get('/transactions', { limit: '30' })).body,
      );
      const made = await control(backend, `/terminals/${DEMO_TIDS.custom}/sales`, {
        amount: 4_321,
        method: 'card_chip',
        cardLast4: '4321',
      });
      expect(made.status).toBe(201);
      const sale = made.body as { id: string; traceNo: string };
      const rest = await walk(owner, '/transactions', { limit: '30' }, first.nextCursor);
      expect(rest.every((p) => p.total === before.length + 1)).toBe(true);
      const seen = [...first.items, ...rest.flatMap((p) => p.items)].map((t) => t.id);
      expect(seen).toEqual(before.map((t) => t.id));
      // Where a cashier at the counter and the owner's next look find it: first, voidable, by its trace.
      const now = endpoints.transactions.response.parse(
        (await owner.get('/transactions', { limit: '1' })).body,
      );
      expect(now.items[0]).toMatchObject({
        id: sale.id,
        tid: DEMO_TIDS.custom,
        amount: 4_321,
        cardLast4: '4321',
        status: 'approved',
        voidable: true,
      });
      const found = endpoints.transactions.response.parse(
        (await owner.get('/transactions', { q: sale.traceNo, terminalId: DEMO_TIDS.custom })).body,
      );
      expect(found.items.map((t) => t.id)).toContain(sale.id);
      expect((await owner.get(`/transactions/${sale.id}`)).status).toBe(200);
    });

    it('refuses a sale for a terminal that does not exist, or with a body that is not a sale', async () => {
      expect(
        (await control(backend, '/terminals/99999999/sales', { amount: 100, method: 'card_chip' })).status,
      ).toBe(404);
      expect(
        (await control(backend, `/terminals/${DEMO_TIDS.custom}/sales`, { amount: -5, method: 'cash' }))
          .status,
      ).toBe(400);
    });

    it('refuses a cursor of another list or sort, or one not given out, with 400 naming the cursor', async () => {
      const support = await signedIn(backend, 'support');
      const cursorOf = async (path: string, query: Record<string, string> = {}) =>
        ((await support.get(path, { ...query, limit: '2' })).body as Page).nextCursor!;
      const byStore = await cursorOf('/terminals', { sort: 'storeName' });
      const sales = await cursorOf('/transactions');
      const events = await cursorOf('/audit-events');
      const cases: [string, Record<string, string>, string][] = [
        ['/terminals', { sort: '-storeName' }, byStore],
        ['/terminals', {}, byStore],
        ['/terminals', { sort: 'storeName' }, events],
        ['/terminals', { sort: 'storeName' }, byStore.slice(0, -3)],
        ['/transactions', {}, byStore],
        ['/transactions', {}, events],
        ['/transactions', {}, 'dHJhbnNhY3Rpb25zOjQw'], // "transactions:40", an offset cursor of before
        ['/audit-events', {}, sales],
        ['/audit-events', {}, `${events}*`],
      ];
      for (const [path, query, cursor] of cases) {
        const answer = await support.get(path, { ...query, cursor });
        const problem = expectProblem(answer, 400, 'request.malformed');
        expect(
          problem.errors?.map((e) => e.field),
          `${path} ${JSON.stringify(query)}`,
        ).toEqual(['cursor']);
      }
      expect((await support.get('/terminals', { sort: 'storeName', cursor: byStore })).status).toBe(200);
    });
  });

  // On the PostgreSQL backend these go to two server processes in turn: the rules hold across them.
  describe('requests sent at once', () => {
    const tid = DEMO_TIDS.custom;
    const path = `/terminals/${tid}/void-password/change`;
    const auditOf = async (user: ApiUser, type: string) => {
      const page = await user.get('/audit-events', { terminalId: tid, type, limit: '500' });
      expect(page.status).toBe(200);
      return endpoints.auditEvents.response.parse(page.body).items;
    };

    it('takes exactly one of 20 changes of one terminal (202) and refuses the rest (409)', async () => {
      // Offline, the one command taken stays open: none of the others can follow it.
      expect((await control(backend, `/terminals/${tid}/connectivity`, { online: false })).status).toBe(204);
      const owner = await signedIn(backend, 'owner');
      const before = (await auditOf(owner, 'void_password.change_requested')).length;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          owner.post(path, { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' }),
        ),
      );
      expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
      expect(answers.filter((a) => codeOf(a) === 'command.already_open')).toHaveLength(19);
      expect(await auditOf(owner, 'void_password.change_requested')).toHaveLength(before + 1);
    });

    it('counts exactly 5 of 30 wrong current PINs sent at once, then locks (423)', async () => {
      const owner = await signedIn(backend, 'owner');
      const before = (await auditOf(owner, 'void_password.wrong_attempt')).length;
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          owner.post(path, { currentPassword: String(900_001 + i), newPassword: '581937' }),
        ),
      );
      const wrong = answers.filter((a) => codeOf(a) === 'pin.wrong_current');
      expect(wrong.map((a) => (a.body as { attemptsRemaining: number }).attemptsRemaining).sort()).toEqual([
        1, 2, 3, 4,
      ]);
      expect(answers.filter((a) => a.status === 423)).toHaveLength(26);
      expect(await auditOf(owner, 'void_password.wrong_attempt')).toHaveLength(before + 5);
      const right = await owner.post(path, { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' });
      expectProblem(right, 423, 'pin.locked');
    });

    it('does the work once for one Idempotency-Key sent 10 times at once, and answers all alike', async () => {
      const owner = await signedIn(backend, 'owner');
      const body = { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' };
      const before = (await auditOf(owner, 'void_password.change_requested')).length;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => owner.post(path, body, { key: 'same-key-everywhere' })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
      const ids = new Set(answers.map((a) => endpoints.changeVoidPassword.response.parse(a.body).command.id));
      expect(ids.size).toBe(1);
      expect(answers.filter((a) => a.headers.get('idempotency-replayed') === 'true')).toHaveLength(9);
      expect(await auditOf(owner, 'void_password.change_requested')).toHaveLength(before + 1);
    });

    it('throttles a name after exactly 5 of 30 wrong passwords sent at once (429 after)', async () => {
      const support = await signedIn(backend, 'support');
      const failures = async () => {
        const page = await support.get('/audit-events', { type: 'auth.login_failed', limit: '500' });
        return endpoints.auditEvents.response.parse(page.body).items.length;
      };
      const before = await failures();
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => new ApiUser(backend).login('owner', `wrong-password-${i}`)),
      );
      expect(answers.filter((a) => a.status === 401)).toHaveLength(4);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(26);
      expect((await new ApiUser(backend).login('owner', PASSWORDS.owner)).status).toBe(429);
      expect(await failures()).toBe(before + 5);
    });
  });

  describe('live events (decision 023)', () => {
    it('streams each user what they may see: a reset to applied, a sale; never the temporary PIN', async () => {
      const owner = await signedIn(backend, 'owner');
      const cashier = await signedIn(backend, 'cashier');
      const owner2 = await signedIn(backend, 'owner2');
      const opened = await owner.openStream();
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const streams = { owner: readSse(opened), cashier: readSse(await cashier.openStream()) };
      const other = readSse(await owner2.openStream());
      const { temporaryPassword, command } = await resetToTemporaryPin(owner, DEMO_TIDS.defaultPassword);
      expect((await control(backend, '/clock', { advanceMs: 31_000 })).status).toBe(200);
      await owner.get(`/terminals/${DEMO_TIDS.defaultPassword}`);
      const sale = await control(backend, `/terminals/${DEMO_TIDS.custom}/sales`, {
        amount: 1250,
        method: 'wechat_qr',
      });
      expect(sale.status).toBe(201);
      const events = (messages: SseMessage[]) => messages.map((m) => LiveEvent.parse(JSON.parse(m.data)));
      const hasSale = (m: SseMessage[]) => events(m).some((e) => e.type === 'sale');
      await streams.owner.waitFor(hasSale);
      await streams.cashier.waitFor(hasSale);
      for (const stream of [...Object.values(streams), other]) {
        for (const message of stream.messages) {
          expect(parses(LiveEvent, JSON.parse(message.data))).toBe('ok');
          expect(message.id).toMatch(/^\d+$/);
        }
        expect(stream.text()).not.toContain(temporaryPassword);
      }
      expect(
        events(streams.owner.messages).flatMap((e) =>
          e.type === 'command' ? [[e.commandId, e.status]] : [],
        ),
      ).toEqual([
        [command.id, 'queued'],
        [command.id, 'applied'],
      ]);
      expect(events(streams.owner.messages).at(-1)).toMatchObject({
        type: 'sale',
        transactionId: (sale.body as { id: string }).id,
        tid: DEMO_TIDS.custom,
        merchantId: MERCHANT_A,
      });
      // A cashier: the sale, nothing of the void password (decision 010); another merchant: nothing.
      expect(events(streams.cashier.messages).map((e) => e.type)).toEqual(['sale']);
      expect(other.messages).toEqual([]);
      for (const stream of [...Object.values(streams), other]) stream.close();
    });

    it('refuses a stream without a session (401) and a malformed Last-Event-ID (400)', async () => {
      const anonymous = await new ApiUser(backend).openStream();
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { code: string }).code).toBe('auth.unauthenticated');
      const owner = await signedIn(backend, 'owner');
      const malformed = await owner.openStream('last');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { detail: string }).detail).toMatch(/Last-Event-ID/);
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
