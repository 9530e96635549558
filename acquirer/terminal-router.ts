import { ErrorCode } from '@contract/schemas/common';
import {
  ActivateRequest,
  SettleRequest,
  terminalEndpoints,
  type TerminalEndpointName,
  TerminalPinChange,
  TerminalTransaction,
} from '@contract/terminal-protocol';
import type { HashBook } from './hash-book';
import type { LedgerBook } from './ledger-book';
import { SimProblem } from './problem';
import { advanceWorld } from './rules/lifecycle';
import {
  acknowledgeCommand,
  activate,
  authenticateTerminal,
  changePinAtTerminal,
  checkIn,
  pinChangeHash,
  signedTerminal,
  parseTerminalBody,
  type TerminalRequest,
  type TerminalSignatures,
} from './rules/terminal-protocol';
import { settleBatch, settlementReads, uploadReads, uploadTransaction } from './rules/terminal-sales';
import type { SimState } from './state';
import type { SimRequest } from './types';

const handlers: Record<
  Exclude<TerminalEndpointName, 'activate' | 'changeVoidPassword' | 'uploadTransaction' | 'settle'>,
  (request: TerminalRequest) => unknown
> = {
  checkIn,
  ackCommand: acknowledgeCommand,
};

const routes = (
  Object.entries(terminalEndpoints) as [
    TerminalEndpointName,
    (typeof terminalEndpoints)[TerminalEndpointName],
  ][]
).map(([name, endpoint]) => ({
  name,
  endpoint,
  pattern: new RegExp(`^${endpoint.path.replace(/:([a-zA-Z]+)/g, '(?<$1>[^/]+)')}$`),
}));

/**
 * A request of the terminal protocol (contract/terminal-protocol.ts), in one synchronous run like the
 * dashboard's: the world brought up to date, the signature checked, then the handler. Throws a SimProblem.
 * A request that needs hashes or ledger rows checks its signature without changing anything, then throws
 * HashesNeeded or LedgerReadsNeeded; the run once they are there takes the nonce.
 */
export function runTerminalRequest(
  state: SimState,
  signatures: TerminalSignatures,
  request: SimRequest,
  fullPath: string,
  protocolPath: string,
  now: number,
  hashes: HashBook,
  ledger: LedgerBook,
): { status: number; body: unknown } {
  advanceWorld(state, now);
  const match = routes.find((route) => route.pattern.test(protocolPath));
  if (!match) throw new SimProblem(404, ErrorCode.notFound, 'No such endpoint of the terminal protocol.');
  if (request.method.toUpperCase() !== match.endpoint.method) {
    throw new SimProblem(405, ErrorCode.malformed, `Use ${match.endpoint.method} here.`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = value;
  const bodyText = request.bodyText ?? (request.body === undefined ? '' : JSON.stringify(request.body));
  const signed = { method: request.method, path: fullPath, headers, bodyText };
  if (match.name === 'activate') {
    // The key to check the signature with is in the body.
    const body = parseTerminalBody(ActivateRequest, bodyText);
    return { status: 200, body: activate(state, signatures, signed, body, now) };
  }
  const params: Record<string, string> = { ...match.pattern.exec(protocolPath)?.groups };
  if (match.name === 'changeVoidPassword') {
    // Hashes first, on a request whose signature holds; the nonce is taken on the run that has them.
    const body = parseTerminalBody(TerminalPinChange, bodyText);
    const hash = pinChangeHash(signedTerminal(state, signatures, signed, now), body, hashes);
    const { terminal, link } = authenticateTerminal(state, signatures, signed, now);
    return { status: 200, body: changePinAtTerminal({ state, now, terminal, link, params, body }, hash) };
  }
  if (match.name === 'uploadTransaction') {
    const body = parseTerminalBody(TerminalTransaction, bodyText);
    const known = uploadReads(ledger, signedTerminal(state, signatures, signed, now), body);
    const { terminal } = authenticateTerminal(state, signatures, signed, now);
    return { status: 200, body: uploadTransaction(state, now, terminal, body, known) };
  }
  if (match.name === 'settle') {
    const body = parseTerminalBody(SettleRequest, bodyText);
    const read = settlementReads(ledger, signedTerminal(state, signatures, signed, now), body, now);
    const { terminal } = authenticateTerminal(state, signatures, signed, now);
    return { status: 200, body: settleBatch(state, now, terminal, body, read) };
  }
  const { terminal, link } = authenticateTerminal(state, signatures, signed, now);
  const body = parseTerminalBody(match.endpoint.body, bodyText);
  return { status: 200, body: handlers[match.name]({ state, now, terminal, link, params, body }) };
}
