// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { type EndpointName, endpoints } from '@contract/endpoint-table';
import { ProblemDetails } from '@contract/schemas/common';
import type { Acquirer } from './acquirer';
import { DEMO_TIDS, DEMO_TRACE_NOS, DEMO_VOID_PASSWORD, MERCHANT_A } from './data/demo-fixtures';
import { firmwareUpdateOf } from './data/firmware';
import { isLiveStreamStart } from './live-events';
import { issueActivationCode } from './rules/terminal-protocol';
import { openCommandOf } from './state';
import { bodyOf, PASSWORDS, signedIn, testAcquirer, TestClient } from './testing/harness';
import type { SimResponse } from './types';
import { englishIssues } from './zod-english';

/** A successful call of every endpoint of the contract table. */
async function successfulCalls(
  acquirer: Acquirer,
): Promise<Record<EndpointName, () => Promise<SimResponse>>> {
  const owner = await signedIn(acquirer, 'owner');
  const support = await signedIn(acquirer, 'support');
  const voidTx = async () =>
    bodyOf<{ items: { id: string; traceNo: string }[] }>(
      await owner.get('/transactions', { q: DEMO_TRACE_NOS.voidOfVoidedSale }),
    ).items.find((t) => t.traceNo === DEMO_TRACE_NOS.voidOfVoidedSale)!;
  const openCommandId = async () =>
    bodyOf<{ openCommand: { id: string } }>(await owner.get(`/terminals/${DEMO_TIDS.openCommand}`))
      .openCommand.id;
  let jobId = '';
  const outdated = acquirer.state.world.terminals.filter(
    (t) =>
      t.merchantId === MERCHANT_A &&
      firmwareUpdateOf(t) &&
      !openCommandOf(acquirer.state, t.tid) &&
      !(Object.values(DEMO_TIDS) as string[]).includes(t.tid),
  );
  return {
    login: async () => await new TestClient(acquirer).login('cashier', PASSWORDS.cashier!),
    logout: async () => await (await signedIn(acquirer, 'cashier')).post('/auth/logout'),
    session: async () => await owner.get('/auth/session'),
    stepUp: async () => await owner.post('/auth/step-up', { password: PASSWORDS.owner }),
    merchants: async () => await support.get('/merchants', { q: '悦来' }),
    merchant: async () => await support.get(`/merchants/${MERCHANT_A}`),
    terminals: async () => await owner.get('/terminals'),
    terminalsExport: async () => await owner.get('/terminals/export'),
    terminalFacets: async () => await owner.get('/terminals/facets'),
    terminal: async () => await owner.get(`/terminals/${DEMO_TIDS.openCommand}`),
    revokeTerminalCredential: async () => {
      // Arranged as if the terminal had activated (the protocol's own tests activate through it).
      const terminal = acquirer.state.world.terminalByTid.get(DEMO_TIDS.custom)!;
      issueActivationCode(acquirer.state, terminal, acquirer.now());
      terminal.link!.publicKey = Buffer.alloc(32).toString('base64');
      return await owner.post(`/terminals/${DEMO_TIDS.custom}/credential/revoke`);
    },
    scheduleFirmwareUpdate: async () => await owner.post(`/terminals/${outdated[0]!.tid}/firmware-update`),
    bulkFirmwareUpdate: async () =>
      await owner.post('/terminals/firmware-update', { terminalIds: [outdated[0]!.tid] }),
    changeVoidPassword: async () =>
      await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '470215',
      }),
    resetVoidPassword: async () =>
      await owner.post(
        `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
        { generateTemporary: true },
        { stepUpToken: await owner.stepUp(PASSWORDS.owner!) },
      ),
    commandHistory: async () => await owner.get(`/terminals/${DEMO_TIDS.custom}/void-password/commands`),
    command: async () => await owner.get(`/password-commands/${await openCommandId()}`),
    cancelCommand: async () => await owner.post(`/password-commands/${await openCommandId()}/cancel`),
    bulkReset: async () => {
      const response = await owner.post(
        '/void-password/bulk-resets',
        { filter: { passwordState: 'default' }, newPassword: '470215' },
        { stepUpToken: await owner.stepUp(PASSWORDS.owner!) },
      );
      jobId = bodyOf<{ job: { id: string } }>(response).job.id;
      return response;
    },
    job: async () => {
      acquirer.clock.advance(1000);
      return await owner.get(`/jobs/${jobId}`);
    },
    transactions: async () => await owner.get('/transactions', { limit: '500' }),
    transactionsExport: async () => await owner.get('/transactions/export'),
    voidSummary: async () => await owner.get('/transactions/void-summary'),
    transaction: async () => await owner.get(`/transactions/${(await voidTx()).id}`),
    auditEvents: async () => await owner.get('/audit-events'),
    alerts: async () => await owner.get('/alerts'),
    overview: async () => await owner.get('/overview'),
    events: async () => await owner.get('/events'),
  };
}

describe('the contract', () => {
  it('answers every endpoint with its success status and a body its response schema accepts', async () => {
    const acquirer = testAcquirer();
    const calls = await successfulCalls(acquirer);
    expect(Object.keys(calls).sort()).toEqual(Object.keys(endpoints).sort());
    for (const name of Object.keys(calls) as EndpointName[]) {
      const endpoint = endpoints[name];
      const response = await calls[name]();
      expect.soft(response.status, name).toBe(endpoint.status);
      expect(response.headers['date'], name).toBe(new Date(acquirer.now()).toUTCString());
      if (endpoint.response === null) {
        expect(response.body, name).toBeUndefined();
      } else if (endpoint.response === 'csv') {
        expect(response.headers['content-type'], name).toBe('text/csv; charset=utf-8');
        expect(response.body as string, name).toMatch(/^\uFEFF/);
      } else if (endpoint.response === 'event-stream') {
        // Where the stream starts; the host keeps the connection open (live-events.test.ts).
        expect(response.headers['content-type'], name).toBe('text/event-stream');
        expect(isLiveStreamStart(response.body), name).toBe(true);
      } else {
        const parsed = endpoint.response.safeParse(response.body, englishIssues);
        expect.soft(parsed.success ? 'ok' : z.prettifyError(parsed.error), name).toBe('ok');
        expect(response.headers['content-type'], name).toBe('application/json');
      }
    }
  });

  it('answers every transaction and terminal of the demo in contract shape', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    let cursor: string | undefined;
    let seen = 0;
    do {
      const response = await support.get('/transactions', { limit: '500', ...(cursor ? { cursor } : {}) });
      const page = endpoints.transactions.response.parse(response.body);
      seen += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toBe(acquirer.state.world.transactions.length);
    for (const t of acquirer.state.world.terminals) {
      expect(
        endpoints.terminal.response.safeParse((await support.get(`/terminals/${t.tid}`)).body).success,
      ).toBe(true);
    }
  });

  it('answers problems as RFC 9457 problem details with a Date header', async () => {
    const acquirer = testAcquirer();
    const anonymous = new TestClient(acquirer);
    const owner = await signedIn(acquirer, 'owner');
    const problems = [
      await anonymous.get('/terminals'),
      await owner.get('/merchants'),
      await owner.get('/terminals/00000000'),
      await owner.get('/no-such-endpoint'),
      await owner.call('POST', '/terminals'),
      await owner.post('/auth/step-up', { password: 42 }),
    ];
    expect(problems.map((p) => p.status)).toEqual([401, 403, 404, 404, 405, 400]);
    for (const problem of problems) {
      expect(problem.headers['content-type']).toBe('application/problem+json');
      expect(problem.headers['date']).toBeDefined();
      const body = ProblemDetails.parse(problem.body);
      expect(body.status).toBe(problem.status);
    }
    expect(problems[4]!.headers['allow']).toBe('GET');
  });

  it('accepts any API base path it is configured with', async () => {
    const acquirer = testAcquirer({ basePath: '/acquirer/api/v1/' });
    const response = await acquirer.handle({
      method: 'POST',
      path: '/acquirer/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: { username: 'owner', password: PASSWORDS.owner },
    });
    expect(response.status).toBe(200);
    expect((await acquirer.handle({ method: 'GET', path: '/api/v1/auth/session' })).status).toBe(404);
  });

  it('answers 400 when the body is not JSON', async () => {
    const acquirer = testAcquirer();
    const response = await acquirer.handle({
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      bodyText: '{"username":',
    });
    expect(response.status).toBe(400);
    expect(bodyOf(response)).toMatchObject({ code: 'request.malformed' });
  });
});
