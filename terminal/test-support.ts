import { createPublicKey, pbkdf2Sync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PIN_VERIFIER_ITERATIONS,
  type PinVerifier,
  signedMessage,
  type TerminalCommand,
  TerminalHeader,
} from '@contract/terminal-protocol';

// For the emulator's tests: a stand-in acquirer on 127.0.0.1 that records every request as it arrived and
// answers from a script, so the tests see exactly the bytes the emulator sends.

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** 'drop' closes the connection without an answer, as a network failure would. */
export type FakeAnswer = { status: number; body: unknown } | 'drop';

export interface FakeAcquirer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeAcquirer(
  /** A promise holds the answer back until it settles. */
  answer: (request: RecordedRequest, index: number) => FakeAnswer | Promise<FakeAnswer>,
): Promise<FakeAcquirer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const request: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = await answer(request, requests.length - 1);
      if (reply === 'drop') {
        outgoing.socket?.destroy();
        return;
      }
      const problem = reply.status >= 400;
      outgoing.writeHead(reply.status, {
        'content-type': problem ? 'application/problem+json' : 'application/json',
      });
      outgoing.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function problem(status: number, code: string, detail = 'Refused by the test.'): FakeAnswer {
  return { status, body: { type: 'about:blank', title: 'Refused', status, code, detail } };
}

/** Checks a recorded request's signature as the acquirer would: over `signedMessage`, with the raw key. */
export function signatureHolds(request: RecordedRequest, rawPublicKey: string): boolean {
  const header = (name: string): string => String(request.headers[name] ?? '');
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(rawPublicKey, 'base64')]),
    format: 'der',
    type: 'spki',
  });
  const message = signedMessage({
    method: request.method,
    path: request.path,
    tid: header(TerminalHeader.tid),
    timestamp: header(TerminalHeader.timestamp),
    nonce: header(TerminalHeader.nonce),
    body: request.body,
  });
  return verify(
    null,
    Buffer.from(message, 'utf8'),
    key,
    Buffer.from(header(TerminalHeader.signature), 'base64'),
  );
}

/** Made here with pbkdf2 directly, not with the emulator's code under test. */
export function pinVerifier(pin: string, iterations = PIN_VERIFIER_ITERATIONS): PinVerifier {
  const salt = randomBytes(16);
  return {
    scheme: 'pbkdf2-sha256',
    iterations,
    salt: salt.toString('hex'),
    hash: pbkdf2Sync(pin, salt, iterations, 32, 'sha256').toString('hex'),
  };
}

export function setPinCommand(
  verifier: PinVerifier,
  options: { id?: string; temporary?: boolean; expiresInMs?: number } = {},
): TerminalCommand {
  return {
    id: options.id ?? 'cmd_1',
    kind: 'set_void_password',
    verifier,
    temporary: options.temporary ?? false,
    expiresAt: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
  };
}

export function firmwareCommand(
  version: string,
  options: { id?: string; expiresInMs?: number } = {},
): TerminalCommand {
  return {
    id: options.id ?? 'cmd_fw',
    kind: 'update_firmware',
    version,
    expiresAt: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
  };
}

/**
 * The acquirer's happy path: activation answered, the first check-in of each terminal delivers `command`
 * (if any), an acknowledgement is answered `applied`, a void password set at the terminal is taken.
 */
export function scriptedAcquirer(command: TerminalCommand | null): (request: RecordedRequest) => FakeAnswer {
  const checkedIn = new Set<string>();
  /** The transactions taken, by `tid batch trace`: a sale once, a void of a sale once. */
  const taken = new Map<string, { type: string; amount: number; voided: boolean }>();
  const batch = { batchNo: '000001', closesAt: new Date(Date.now() + 12 * 3600_000).toISOString() };
  return (request) => {
    const tid = String(request.headers[TerminalHeader.tid]);
    const serverTime = new Date().toISOString();
    if (request.path.endsWith('/activate'))
      return { status: 200, body: { tid, keyId: `tk_${tid}`, serverTime } };
    if (request.path.endsWith('/check-in')) {
      const first = !checkedIn.has(tid);
      checkedIn.add(tid);
      return {
        status: 200,
        body: { tid, serverTime, nextCheckInSeconds: 30, command: first ? command : null, batch },
      };
    }
    if (request.path.endsWith('/void-password')) return { status: 200, body: { tid, changedAt: serverTime } };
    if (request.path.endsWith('/transactions')) {
      const tx = JSON.parse(request.body) as {
        type: string;
        batchNo: string;
        traceNo: string;
        amount: number;
        original?: { batchNo: string; traceNo: string };
      };
      const key = `${tid} ${tx.batchNo} ${tx.traceNo}`;
      const id = `tt_${key.replaceAll(' ', '_')}`;
      if (taken.has(key)) return { status: 200, body: { id, result: 'duplicate', createdAt: serverTime } };
      if (tx.original) {
        const original = taken.get(`${tid} ${tx.original.batchNo} ${tx.original.traceNo}`);
        if (!original) return problem(422, 'void.original_not_found');
        if (original.voided) return problem(422, 'void.already_voided');
        original.voided = true;
      }
      taken.set(key, { type: tx.type, amount: tx.amount, voided: false });
      return { status: 200, body: { id, result: 'accepted', createdAt: serverTime } };
    }
    if (request.path.endsWith('/settlement')) {
      const sum = (type: string) => {
        const rows = [...taken.entries()].filter(
          ([key, row]) => key.startsWith(`${tid} `) && row.type === type,
        );
        return { count: rows.length, amount: rows.reduce((total, [, row]) => total + row.amount, 0) };
      };
      const body = JSON.parse(request.body) as { batchNo: string; sales: object; voids: object };
      const acquirerTotals = { sales: sum('sale'), voids: sum('void') };
      return {
        status: 200,
        body: {
          batchNo: body.batchNo,
          closedAt: serverTime,
          early: true,
          acquirer: acquirerTotals,
          balanced:
            JSON.stringify({ sales: body.sales, voids: body.voids }) === JSON.stringify(acquirerTotals),
          batch: { ...batch, batchNo: '000002' },
        },
      };
    }
    const ack = /\/commands\/([^/]+)\/ack$/.exec(request.path);
    if (ack) return { status: 200, body: { id: decodeURIComponent(ack[1]!), status: 'applied' } };
    return problem(404, 'not_found');
  };
}
