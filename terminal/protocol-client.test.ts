// @vitest-environment node
import { createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { NONCE_PATTERN, signedMessage, TerminalErrorCode, TerminalHeader } from '@contract/terminal-protocol';
import {
  credentialOf,
  newTerminalKeys,
  ProtocolClient,
  signatureHeaders,
  TerminalProtocolError,
  TerminalUnreachableError,
} from './protocol-client';
import {
  type FakeAcquirer,
  problem,
  scriptedAcquirer,
  signatureHolds,
  startFakeAcquirer,
} from './test-support';

const TID = '58100101';
const CHECK_IN = { firmware: 'V2.4.1', checkInIntervalSeconds: 30, wrongVoidPasswordAttempts: 0 };

let acquirer: FakeAcquirer | undefined;
afterEach(async () => {
  await acquirer?.close();
  acquirer = undefined;
});

describe('signatureHeaders', () => {
  it('signs signedMessage with the terminal key, verifiable with the raw public key', () => {
    const keys = newTerminalKeys();
    const raw = Buffer.from(keys.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    const request = { method: 'POST', path: '/terminal/v1/check-in', body: JSON.stringify(CHECK_IN) };

    const headers = signatureHeaders(credentialOf(TID, keys.privateKeyPem), request);

    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
      format: 'der',
      type: 'spki',
    });
    const message = signedMessage({
      ...request,
      tid: TID,
      timestamp: headers[TerminalHeader.timestamp]!,
      nonce: headers[TerminalHeader.nonce]!,
    });
    const signature = Buffer.from(headers[TerminalHeader.signature]!, 'base64');
    expect(headers[TerminalHeader.tid]).toBe(TID);
    expect(headers[TerminalHeader.timestamp]).toMatch(/^\d+$/);
    expect(verify(null, Buffer.from(message, 'utf8'), publicKey, signature)).toBe(true);
    // Another body, same signature: refused.
    expect(verify(null, Buffer.from(`${message} `, 'utf8'), publicKey, signature)).toBe(false);
  });

  it('takes a fresh nonce for every request', () => {
    const credential = credentialOf(TID, newTerminalKeys().privateKeyPem);
    const request = { method: 'POST', path: '/terminal/v1/check-in', body: '{}' };
    const first = signatureHeaders(credential, request)[TerminalHeader.nonce]!;
    const second = signatureHeaders(credential, request)[TerminalHeader.nonce]!;
    expect(first).toMatch(NONCE_PATTERN);
    expect(second).toMatch(NONCE_PATTERN);
    expect(first).not.toBe(second);
  });
});

describe('ProtocolClient', () => {
  it('sends signed JSON that verifies byte for byte, a new nonce each time', async () => {
    acquirer = await startFakeAcquirer(scriptedAcquirer(null));
    const keys = newTerminalKeys();
    const client = new ProtocolClient({ serverUrl: acquirer.url });

    const activated = await client.activate(TID, keys, 'abcdefghjkmnpqrs');
    await client.checkIn(credentialOf(TID, keys.privateKeyPem), CHECK_IN);
    await client.checkIn(credentialOf(TID, keys.privateKeyPem), CHECK_IN);

    expect(activated.keyId).toBe(`tk_${TID}`);
    const [activate, ...checkIns] = acquirer.requests;
    expect(activate!.path).toBe('/terminal/v1/activate');
    expect(JSON.parse(activate!.body)).toEqual({
      activationCode: 'abcdefghjkmnpqrs',
      publicKey: keys.publicKey,
    });
    for (const request of acquirer.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(signatureHolds(request, keys.publicKey)).toBe(true);
    }
    expect(checkIns.map((request) => request.path)).toEqual([
      '/terminal/v1/check-in',
      '/terminal/v1/check-in',
    ]);
    const nonces = acquirer.requests.map((request) => request.headers[TerminalHeader.nonce]);
    expect(new Set(nonces).size).toBe(3);
  });

  it('retries a request left unanswered with a new nonce and timestamp', async () => {
    acquirer = await startFakeAcquirer((request, index) =>
      index === 0 ? 'drop' : scriptedAcquirer(null)(request),
    );
    const keys = newTerminalKeys();
    const client = new ProtocolClient({ serverUrl: acquirer.url, retryDelayMs: 1 });

    await client.checkIn(credentialOf(TID, keys.privateKeyPem), CHECK_IN);

    const [dropped, retried] = acquirer.requests;
    expect(acquirer.requests).toHaveLength(2);
    expect(retried!.body).toBe(dropped!.body);
    expect(retried!.headers[TerminalHeader.nonce]).not.toBe(dropped!.headers[TerminalHeader.nonce]);
    expect(signatureHolds(retried!, keys.publicKey)).toBe(true);
  });

  it('does not resend an activation the acquirer may have taken', async () => {
    acquirer = await startFakeAcquirer(() => 'drop');
    const client = new ProtocolClient({ serverUrl: acquirer.url, retryDelayMs: 1 });

    await expect(client.activate(TID, newTerminalKeys(), 'abcdefghjkmnpqrs')).rejects.toBeInstanceOf(
      TerminalUnreachableError,
    );
    expect(acquirer.requests).toHaveLength(1);
  });

  it('resends an activation that never reached the acquirer', async () => {
    acquirer = await startFakeAcquirer(scriptedAcquirer(null));
    const closedPort = acquirer.url;
    await acquirer.close();
    acquirer = undefined;
    const client = new ProtocolClient({ serverUrl: closedPort, retryDelayMs: 1 });

    await expect(client.activate(TID, newTerminalKeys(), 'abcdefghjkmnpqrs')).rejects.toMatchObject({
      reason: 'ECONNREFUSED',
    });
  });

  it('sends a void password set at the terminal, signed, and takes the answer', async () => {
    acquirer = await startFakeAcquirer(scriptedAcquirer(null));
    const keys = newTerminalKeys();
    const client = new ProtocolClient({ serverUrl: acquirer.url });

    const answer = await client.changeVoidPassword(credentialOf(TID, keys.privateKeyPem), {
      newPassword: '581937',
      reason: 'operator',
    });

    expect(answer.tid).toBe(TID);
    const [request] = acquirer.requests;
    expect(request!.path).toBe('/terminal/v1/void-password');
    expect(JSON.parse(request!.body)).toEqual({ newPassword: '581937', reason: 'operator' });
    expect(signatureHolds(request!, keys.publicKey)).toBe(true);
  });

  it('does not resend a PIN change the acquirer may have taken', async () => {
    acquirer = await startFakeAcquirer(() => 'drop');
    const client = new ProtocolClient({ serverUrl: acquirer.url, retryDelayMs: 1 });

    await expect(
      client.changeVoidPassword(credentialOf(TID, newTerminalKeys().privateKeyPem), {
        newPassword: '581937',
        reason: 'operator',
      }),
    ).rejects.toBeInstanceOf(TerminalUnreachableError);
    expect(acquirer.requests).toHaveLength(1);
  });

  it('turns a problem answer into a TerminalProtocolError with its status and code', async () => {
    acquirer = await startFakeAcquirer(() => problem(401, TerminalErrorCode.revoked));
    const client = new ProtocolClient({ serverUrl: acquirer.url });

    const error = await client
      .checkIn(credentialOf(TID, newTerminalKeys().privateKeyPem), CHECK_IN)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TerminalProtocolError);
    expect(error).toMatchObject({ status: 401, code: TerminalErrorCode.revoked });
  });

  it('refuses an answer outside the contract', async () => {
    acquirer = await startFakeAcquirer(() => ({ status: 200, body: { tid: TID } }));
    const client = new ProtocolClient({ serverUrl: acquirer.url });

    await expect(
      client.checkIn(credentialOf(TID, newTerminalKeys().privateKeyPem), CHECK_IN),
    ).rejects.toMatchObject({ status: 200, code: null });
  });
});
