import type { z } from 'zod/mini';
import { ErrorCode } from '@contract/schemas/common';
import {
  MockClockBody,
  MockConnectivityBody,
  MockFaultBody,
  MockResetBody,
  MockSaleBody,
  MockVoidPasswordBody,
} from '@contract/schemas/mock-control';
import { type SimClock, toIso } from './clock';
import { HEARTBEAT_MS } from './data/generate';
import { faultRecord } from './faults';
import type { HashBook } from './hash-book';
import { problemBody } from './problem';
import { parseOrReject } from './router';
import { lastSeenOf } from './rules/heartbeat';
import { advanceWorld } from './rules/lifecycle';
import { recordSale } from './rules/sales';
import { issueActivationCode } from './rules/terminal-protocol';
import { installPin } from './rules/void-password';
import { type SimState, touchTerminal } from './state';
import type { Scenario, SimResponse } from './types';

export interface ControlContext {
  state: SimState;
  clock: SimClock;
  now: number;
  hashes: HashBook;
  reset(options: { scenario?: Scenario; seed?: string }): void;
}

const noContent = (): SimResponse => ({ status: 204, headers: {}, body: undefined });
const json = (body: unknown): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
});

function parse<T extends z.ZodMiniType>(schema: T, body: unknown): z.output<T> {
  return parseOrReject(schema, body ?? {}, 'body') as z.output<T>;
}

// The test-control surface (docs/api.md), for e2e, demos and benchmarks; only in mock mode.
export function handleControl(ctx: ControlContext, method: string, path: string, body: unknown): SimResponse {
  const { state, clock } = ctx;
  const upper = method.toUpperCase();
  if (upper === 'GET' && path === '/state') {
    const { world } = state;
    return json({
      scenario: world.scenario,
      seed: world.seed,
      now: toIso(clock.now()),
      generatedAt: toIso(world.generatedAt),
      // What each fault has left: a test learns that the acquirer took a call, not only that one was sent.
      faults: state.faults.map((f) => ({ method: f.method, path: f.path, remaining: f.remaining })),
    });
  }
  if (upper !== 'POST') return problem(405, 'The control surface takes POST with JSON.');

  if (path === '/reset') {
    const { scenario, seed, now } = parse(MockResetBody, body) as {
      scenario?: Scenario;
      seed?: string;
      now?: string;
    };
    if (now) clock.set(Date.parse(now));
    ctx.reset({ scenario, seed });
    return noContent();
  }
  if (path === '/clock') {
    const parsed = parse(MockClockBody, body);
    if ('advanceMs' in parsed) clock.advance(parsed.advanceMs);
    else clock.set(Date.parse(parsed.now));
    advanceWorld(state, clock.now());
    state.dirty = true; // the clock offset is saved with every write
    return json({ now: toIso(clock.now()) });
  }
  if (path === '/faults') {
    state.faults.push(faultRecord(parse(MockFaultBody, body)));
    state.changes.faults = true;
    state.dirty = true;
    return noContent();
  }
  if (path === '/faults/clear') {
    state.faults.length = 0;
    state.changes.faults = true;
    state.dirty = true;
    return noContent();
  }
  const terminalMatch = /^\/terminals\/([^/]+)\/(connectivity|void-password|sales|activation-code)$/.exec(
    path,
  );
  if (terminalMatch) {
    const terminal = state.world.terminalByTid.get(decodeURIComponent(terminalMatch[1]!));
    if (!terminal) return problem(404, 'No such terminal.', ErrorCode.notFound);
    const now = clock.now();
    if (terminalMatch[2] === 'activation-code') {
      // For tests and demos; a deployment issues codes with the seeding command (docs/terminal-protocol.md).
      return json({ tid: terminal.tid, activationCode: issueActivationCode(state, terminal, now) });
    }
    if (terminalMatch[2] === 'sales') {
      const { amount, method, cardLast4, operatorNo } = parse(MockSaleBody, body);
      const sale = recordSale(state, terminal, { amount, method, cardLast4, operatorNo }, now);
      return {
        status: 201,
        headers: { 'content-type': 'application/json' },
        body: { id: sale.id, traceNo: sale.traceNo, rrn: sale.rrn, createdAt: toIso(sale.createdAt) },
      };
    }
    if (terminalMatch[2] === 'connectivity') {
      const { online } = parse(MockConnectivityBody, body);
      if (online !== terminal.online) {
        if (online) {
          // Back online now; heartbeats every 30 s from here, so a queued command waits for the next one.
          terminal.lastSeenAt = now;
          terminal.heartbeatPhase = now % HEARTBEAT_MS;
        } else {
          terminal.lastSeenAt = lastSeenOf(terminal, now);
        }
        terminal.online = online;
        touchTerminal(state, terminal);
      }
      return noContent();
    }
    const { password } = parse(MockVoidPasswordBody, body);
    const [hash] = ctx.hashes.of([[terminal.voidPassword.salt, password]]);
    installPin(state, terminal, hash!, now);
    return noContent();
  }
  return problem(404, 'No such control.', ErrorCode.notFound);
}

function problem(status: number, detail: string, code: string = ErrorCode.malformed): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: problemBody(status, code, detail),
  };
}
