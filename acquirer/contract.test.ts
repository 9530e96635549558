// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { type EndpointName, endpoints } from '@contract/endpoint-table';
import { ProblemDetails } from '@contract/schemas/common';
import type { Acquirer } from './acquirer';
import { DEMO_TIDS, DEMO_TRACE_NOS, DEMO_VOID_PASSWORD, MERCHANT_A } from './data/demo-fixtures';
import { bodyOf, PASSWORDS, signedIn, testAcquirer, TestClient } from './testing/harness';
import type { SimResponse } from './types';
import { englishIssues } from './zod-english';

/** A successful call of every endpoint of the contract table. */
function successfulCalls(acquirer: Acquirer): Record<EndpointName, () => SimResponse> {
  const owner = signedIn(acquirer, 'owner');
  const support = signedIn(acquirer, 'support');
  const voidTx = () =>
    bodyOf<{ items: { id: string; traceNo: string }[] }>(
      owner.get('/transactions', { q: DEMO_TRACE_NOS.voidOfVoidedSale }),
    ).items.find((t) => t.traceNo === DEMO_TRACE_NOS.voidOfVoidedSale)!;
  const openCommandId = () =>
    bodyOf<{ openCommand: { id: string } }>(owner.get(`/terminals/${DEMO_TIDS.openCommand}`)).openCommand.id;
  let jobId = '';
  return {
    login: () => new TestClient(acquirer).login('cashier', PASSWORDS.cashier!),
    logout: () => signedIn(acquirer, 'cashier').post('/auth/logout'),
    session: () => owner.get('/auth/session'),
    stepUp: () => owner.post('/auth/step-up', { password: PASSWORDS.owner }),
    merchants: () => support.get('/merchants', { q: '悦来' }),
    merchant: () => support.get(`/merchants/${MERCHANT_A}`),
    terminals: () => owner.get('/terminals'),
    terminalsExport: () => owner.get('/terminals/export'),
    terminalFacets: () => owner.get('/terminals/facets'),
    terminal: () => owner.get(`/terminals/${DEMO_TIDS.openCommand}`),
    changeVoidPassword: () =>
      owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '470215',
      }),
    resetVoidPassword: () =>
      owner.post(
        `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
        { generateTemporary: true },
        { stepUpToken: owner.stepUp(PASSWORDS.owner!) },
      ),
    commandHistory: () => owner.get(`/terminals/${DEMO_TIDS.custom}/void-password/commands`),
    command: () => owner.get(`/password-commands/${openCommandId()}`),
    cancelCommand: () => owner.post(`/password-commands/${openCommandId()}/cancel`),
    bulkReset: () => {
      const response = owner.post(
        '/void-password/bulk-resets',
        { filter: { passwordState: 'default' }, newPassword: '470215' },
        { stepUpToken: owner.stepUp(PASSWORDS.owner!) },
      );
      jobId = bodyOf<{ job: { id: string } }>(response).job.id;
      return response;
    },
    job: () => {
      acquirer.clock.advance(1000);
      return owner.get(`/jobs/${jobId}`);
    },
    transactions: () => owner.get('/transactions', { limit: '500' }),
    transactionsExport: () => owner.get('/transactions/export'),
    voidSummary: () => owner.get('/transactions/void-summary'),
    transaction: () => owner.get(`/transactions/${voidTx().id}`),
    auditEvents: () => owner.get('/audit-events'),
    alerts: () => owner.get('/alerts'),
    overview: () => owner.get('/overview'),
  };
}

describe('the contract', () => {
  it('answers every endpoint with its success status and a body its response schema accepts', () => {
    const acquirer = testAcquirer();
    const calls = successfulCalls(acquirer);
    expect(Object.keys(calls).sort()).toEqual(Object.keys(endpoints).sort());
    for (const name of Object.keys(calls) as EndpointName[]) {
      const endpoint = endpoints[name];
      const response = calls[name]();
      expect.soft(response.status, name).toBe(endpoint.status);
      expect(response.headers['date'], name).toBe(new Date(acquirer.now()).toUTCString());
      if (endpoint.response === null) {
        expect(response.body, name).toBeUndefined();
      } else if (endpoint.response === 'csv') {
        expect(response.headers['content-type'], name).toBe('text/csv; charset=utf-8');
        expect(response.body as string, name).toMatch(/^\uFEFF/);
      } else {
        const parsed = endpoint.response.safeParse(response.body, englishIssues);
        expect.soft(parsed.success ? 'ok' : z.prettifyError(parsed.error), name).toBe('ok');
        expect(response.headers['content-type'], name).toBe('application/json');
      }
    }
  });

  it('answers every transaction and terminal of the demo in contract shape', () => {
    const acquirer = testAcquirer();
    const support = signedIn(acquirer, 'support');
    let cursor: string | undefined;
    let seen = 0;
    do {
      const response = support.get('/transactions', { limit: '500', ...(cursor ? { cursor } : {}) });
      const page = endpoints.transactions.response.parse(response.body);
      seen += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toBe(acquirer.state.world.transactions.length);
    for (const t of acquirer.state.world.terminals) {
      expect(endpoints.terminal.response.safeParse(support.get(`/terminals/${t.tid}`).body).success).toBe(
        true,
      );
    }
  });

  it('answers problems as RFC 9457 problem details with a Date header', () => {
    const acquirer = testAcquirer();
    const anonymous = new TestClient(acquirer);
    const owner = signedIn(acquirer, 'owner');
    const problems = [
      anonymous.get('/terminals'),
      owner.get('/merchants'),
      owner.get('/terminals/00000000'),
      owner.get('/no-such-endpoint'),
      owner.call('POST', '/terminals'),
      owner.post('/auth/step-up', { password: 42 }),
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

  it('accepts any API base path it is configured with', () => {
    const acquirer = testAcquirer({ basePath: '/acquirer/api/v1/' });
    const response = acquirer.handle({
      method: 'POST',
      path: '/acquirer/api/v1/auth/login',
      body: { username: 'owner', password: PASSWORDS.owner },
    });
    expect(response.status).toBe(200);
    expect(acquirer.handle({ method: 'GET', path: '/api/v1/auth/session' }).status).toBe(404);
  });

  it('answers 400 when the body is not JSON', () => {
    const acquirer = testAcquirer();
    const response = acquirer.handle({
      method: 'POST',
      path: '/api/v1/auth/login',
      bodyText: '{"username":',
    });
    expect(response.status).toBe(400);
    expect(bodyOf(response)).toMatchObject({ code: 'request.malformed' });
  });
});
