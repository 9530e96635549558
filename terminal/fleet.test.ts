// @vitest-environment node
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalErrorCode, TerminalHeader } from '@contract/terminal-protocol';
import { type ActivationCode, readStateFile, writeStateFile } from './credentials-file';
import { assembleFleet, Fleet, type FleetLogLine, type FleetOptions } from './fleet';
import { ProtocolClient } from './protocol-client';
import { FACTORY_VOID_PASSWORD, TerminalState } from './terminal-state';
import {
  type FakeAcquirer,
  type FakeAnswer,
  pinVerifier,
  problem,
  type RecordedRequest,
  firmwareCommand,
  scriptedAcquirer,
  setPinCommand,
  signatureHolds,
  startFakeAcquirer,
} from './test-support';

const CODES: ActivationCode[] = [
  { tid: '58100101', activationCode: 'abcdefghjkmnpqrs', merchantId: '898310058120001' },
  { tid: '58100102', activationCode: 'stuvwxyz23456789', merchantId: '898310058120002' },
];

let acquirer: FakeAcquirer | undefined;
let directory: string;
let stateFile: string;
let lines: FleetLogLine[];

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terminal-fleet-'));
  stateFile = path.join(directory, '.terminals', 'test.json');
  lines = [];
});
afterEach(async () => {
  await acquirer?.close();
  acquirer = undefined;
  await rm(directory, { recursive: true, force: true });
});

async function fleetOf(
  answer: (request: RecordedRequest, index: number) => FakeAnswer | Promise<FakeAnswer>,
  options: { codes?: ActivationCode[]; count?: number; trading?: FleetOptions['trading'] } = {},
): Promise<Fleet> {
  acquirer ??= await startFakeAcquirer(answer);
  const saved = (await readStateFile(stateFile))?.terminals ?? [];
  const server = acquirer.url;
  return new Fleet({
    client: new ProtocolClient({ serverUrl: server, retryDelayMs: 1 }),
    members: await assembleFleet({ saved, codes: options.codes ?? CODES, count: options.count }),
    log: (line) => lines.push(line),
    save: (terminals) =>
      writeStateFile(stateFile, {
        server,
        terminals: terminals.filter((t) => t.activatedAt !== null).map((t) => t.snapshot()),
      }),
    spreadFirstCheckIns: false,
    trading: options.trading,
  });
}

const events = (tid?: string): string[] =>
  lines.filter((line) => tid === undefined || line.tid === tid).map((line) => line.event);

/** The private key in every spelling it could leak in: PEM, its base64 body, the raw seed. */
function spellingsOf(privateKeyPem: string): string[] {
  const seed = createPrivateKey(privateKeyPem).export({ format: 'der', type: 'pkcs8' }).subarray(16);
  const body = privateKeyPem.replace(/-----[A-Z ]+-----|\s/g, '');
  return [privateKeyPem, body, seed.toString('base64'), seed.toString('base64url'), seed.toString('hex')];
}

describe('Fleet', () => {
  it('trades by itself: a sale between check-ins, now and then voided with the PIN the operator knows, and a batch its cutoff closed settled', async () => {
    let batchNo = '000001';
    const happy = scriptedAcquirer(null);
    const fleet = await fleetOf(
      (request) => {
        const answer = happy(request);
        if (!request.path.endsWith('/check-in') || answer === 'drop') return answer;
        return {
          ...answer,
          body: {
            ...(answer.body as object),
            batch: { batchNo, closesAt: new Date(Date.now() + 3_600_000).toISOString() },
          },
        };
      },
      { count: 1, trading: { salesPerHour: 3_600, voidShare: 1, random: () => 0.01 } },
    );
    const tid = CODES[0]!.tid;
    await fleet.start();
    await vi.waitFor(() => expect(events(tid)).toContain('void'));
    const uploads = () =>
      acquirer!.requests
        .filter((request) => request.path.endsWith('/transactions'))
        .map((request) => JSON.parse(request.body) as { type: string; traceNo: string; method: string });
    expect(uploads()).toEqual([
      expect.objectContaining({ type: 'sale', traceNo: '000001', method: 'card_chip' }),
      expect.objectContaining({
        type: 'void',
        traceNo: '000002',
        original: { batchNo: '000001', traceNo: '000001' },
      }),
    ]);
    // The cutoff passed: the next check-in names another batch, and the closed one is settled.
    batchNo = '000002';
    await fleet.checkInNow(tid);
    await fleet.stop();
    const settlement = acquirer!.requests.find((request) => request.path.endsWith('/settlement'))!;
    expect(JSON.parse(settlement.body)).toEqual({
      batchNo: '000001',
      sales: { count: 1, amount: expect.any(Number) },
      voids: { count: 1, amount: expect.any(Number) },
    });
    expect(lines.find((line) => line.event === 'settled')).toMatchObject({
      batchNo: '000001',
      balanced: true,
    });
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(FACTORY_VOID_PASSWORD);
  });

  it('installs a delivered firmware update, acknowledges it, logs it, and reports the new release at the next check-in', async () => {
    const fleet = await fleetOf(scriptedAcquirer(firmwareCommand('A8_V2.4.2', { id: 'cmd_fw1' })), {
      count: 1,
    });
    const terminal = fleet.members[0]!.terminal;
    await fleet.start();
    await vi.waitFor(() => expect(events()).toContain('firmware_updated'));
    const second = await fleet.checkInNow(terminal.tid);
    await fleet.stop();

    const requests = acquirer!.requests;
    expect(requests.map((request) => request.path)).toEqual([
      '/terminal/v1/activate',
      '/terminal/v1/check-in',
      '/terminal/v1/commands/cmd_fw1/ack',
      '/terminal/v1/check-in',
    ]);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({ firmware: 'V2.4.1' });
    expect(JSON.parse(requests[2]!.body)).toEqual({ result: 'applied' });
    expect(JSON.parse(requests[3]!.body)).toMatchObject({ firmware: 'A8_V2.4.2' });
    expect(terminal.firmware).toBe('A8_V2.4.2');
    expect(lines.find((line) => line.event === 'firmware_updated')).toMatchObject({
      tid: terminal.tid,
      commandId: 'cmd_fw1',
      version: 'A8_V2.4.2',
    });
    expect(events()).not.toContain('command_applied');
    // The void password is untouched, and the release is kept in the state file.
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD)).toBe('ok');
    const saved = await readStateFile(stateFile);
    expect(saved?.terminals[0]).toMatchObject({ firmware: 'A8_V2.4.2', unconfirmedCommand: null });
    expect(second).toMatchObject({ outcome: 'checked_in', command: null });
  });

  it('puts the firmware back when the acquirer says the update was cancelled meanwhile', async () => {
    const happy = scriptedAcquirer(firmwareCommand('A8_V2.4.2', { id: 'cmd_fw2' }));
    const fleet = await fleetOf(
      (request) =>
        request.path.endsWith('/ack') ? problem(409, TerminalErrorCode.commandNotOpen) : happy(request),
      { count: 1 },
    );
    const terminal = fleet.members[0]!.terminal;
    await fleet.start();
    await vi.waitFor(() => expect(events()).toContain('command_withdrawn'));
    await fleet.stop();
    expect(terminal.firmware).toBe('V2.4.1');
    expect(events()).not.toContain('firmware_updated');
  });

  it('activates, checks in, applies the delivered PIN and acknowledges it, leaking no secret', async () => {
    const verifier = pinVerifier('246813');
    const fleet = await fleetOf(scriptedAcquirer(setPinCommand(verifier, { id: 'cmd_7' })), { count: 1 });
    const [member] = fleet.members;
    const terminal = member!.terminal;

    await fleet.start();
    await vi.waitFor(() => expect(events()).toContain('command_applied'));
    await fleet.stop();

    const requests = acquirer!.requests;
    expect(requests.map((request) => request.path)).toEqual([
      '/terminal/v1/activate',
      '/terminal/v1/check-in',
      '/terminal/v1/commands/cmd_7/ack',
    ]);
    expect(JSON.parse(requests[2]!.body)).toEqual({ result: 'applied' });
    expect(JSON.parse(requests[1]!.body)).toEqual({
      firmware: 'V2.4.1',
      appVersion: expect.any(String),
      checkInIntervalSeconds: 30,
      wrongVoidPasswordAttempts: 0,
    });
    const { publicKey } = JSON.parse(requests[0]!.body) as { publicKey: string };
    expect(requests.every((request) => signatureHolds(request, publicKey))).toBe(true);
    expect(new Set(requests.map((request) => request.headers[TerminalHeader.nonce])).size).toBe(3);

    expect(await terminal.checkPin('246813')).toBe('ok');
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD)).toBe('wrong');
    expect(events('58100101')).toEqual(['activated', 'checked_in', 'command_applied']);

    const secrets = [verifier.hash, ...spellingsOf(terminal.privateKeyPem!)];
    for (const request of requests) {
      const sent = JSON.stringify(request.headers) + request.body;
      for (const secret of secrets) expect(sent).not.toContain(secret);
    }
    const printed = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of [...secrets, verifier.salt, CODES[0]!.activationCode]) {
      expect(printed).not.toContain(secret);
    }
  });

  it('keeps the keys in a 0600 file and checks in with them after a restart, without activating', async () => {
    const first = await fleetOf(scriptedAcquirer(null), { count: 1 });
    await first.start();
    await vi.waitFor(() => expect(events()).toContain('checked_in'));
    await first.stop();

    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(stateFile))).mode & 0o777).toBe(0o700);
    expect(await readFile(path.join(path.dirname(stateFile), '.gitignore'), 'utf8')).toBe('*\n');
    const saved = await readStateFile(stateFile);
    expect(saved?.terminals.map((terminal) => terminal.tid)).toEqual(['58100101']);
    expect(saved?.terminals[0]?.merchantId).toBe('898310058120001');

    lines = [];
    const second = await fleetOf(scriptedAcquirer(null), { count: 1 });
    await second.start();
    await vi.waitFor(() => expect(events()).toContain('checked_in'));
    await second.stop();

    const paths = acquirer!.requests.map((request) => request.path);
    expect(paths.filter((p) => p.endsWith('/activate'))).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith('/check-in'))).toHaveLength(2);
    const { publicKey } = JSON.parse(acquirer!.requests[0]!.body) as { publicKey: string };
    expect(signatureHolds(acquirer!.requests.at(-1)!, publicKey)).toBe(true);
  });

  it('goes back to the old PIN when the acknowledgement says the command is no longer open', async () => {
    const happy = scriptedAcquirer(setPinCommand(pinVerifier('246813')));
    const fleet = await fleetOf(
      (request) =>
        request.path.endsWith('/ack') ? problem(409, TerminalErrorCode.commandNotOpen) : happy(request),
      { count: 1 },
    );

    await fleet.start();
    await vi.waitFor(() => expect(events()).toContain('command_withdrawn'));
    await fleet.stop();

    const terminal = fleet.members[0]!.terminal;
    expect(terminal.unconfirmedCommandId).toBeNull();
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD)).toBe('ok');
    expect(await terminal.checkPin('246813')).toBe('wrong');
  });

  it('acknowledges an expired command as failed and keeps its PIN', async () => {
    const fleet = await fleetOf(
      scriptedAcquirer(setPinCommand(pinVerifier('246813'), { expiresInMs: -60_000 })),
      { count: 1 },
    );

    await fleet.start();
    await vi.waitFor(() => expect(events()).toContain('command_failed'));
    await fleet.stop();

    const ack = acquirer!.requests.find((request) => request.path.endsWith('/ack'));
    expect(JSON.parse(ack!.body)).toEqual({ result: 'failed', reason: 'expired' });
    expect(await fleet.members[0]!.terminal.checkPin(FACTORY_VOID_PASSWORD)).toBe('ok');
  });

  it('stops a revoked terminal and lets the others go on', async () => {
    const happy = scriptedAcquirer(null);
    const fleet = await fleetOf((request) =>
      request.path.endsWith('/check-in') && request.headers[TerminalHeader.tid] === '58100101'
        ? problem(401, TerminalErrorCode.revoked)
        : happy(request),
    );

    await fleet.start();
    await vi.waitFor(() => {
      expect(events('58100101')).toContain('revoked');
      expect(events('58100102')).toContain('checked_in');
    });
    await fleet.stop();

    const [revoked, other] = fleet.members;
    expect(revoked!.terminal.privateKeyPem).toBeNull();
    expect(other!.terminal.privateKeyPem).not.toBeNull();
    expect(lines.find((line) => line.event === 'revoked')).toMatchObject({
      tid: '58100101',
      request: 'check_in',
      status: 401,
      code: TerminalErrorCode.revoked,
    });
  });

  describe('changePin', () => {
    const TID = '58100101';
    const TEMPORARY = '246813';
    const NEW = '581937';

    /** One terminal, activated and holding a temporary PIN, its fleet stopped (no check-in under way). */
    async function terminalWithTemporaryPin(
      override: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer> | undefined = () => undefined,
    ) {
      const happy = scriptedAcquirer(setPinCommand(pinVerifier(TEMPORARY), { temporary: true }));
      const fleet = await fleetOf((request) => override(request) ?? happy(request), { count: 1 });
      await fleet.start();
      await vi.waitFor(() => expect(events()).toContain('command_applied'));
      await fleet.stop();
      const { publicKey } = JSON.parse(acquirer!.requests[0]!.body) as { publicKey: string };
      return { fleet, terminal: fleet.members[0]!.terminal, publicKey };
    }

    const pinRequests = (): RecordedRequest[] =>
      acquirer!.requests.filter((request) => request.path.endsWith('/void-password'));

    function expectNoPinPrinted(...pins: string[]): void {
      const printed = lines.map((line) => JSON.stringify(line)).join('\n');
      for (const pin of pins) expect(printed).not.toContain(pin);
    }

    it('sends the new PIN signed, then keeps a verifier of its own and saves it', async () => {
      const { fleet, terminal, publicKey } = await terminalWithTemporaryPin();
      const before = terminal.snapshot().verifier;

      const result = await fleet.changePin(TID, TEMPORARY, NEW);

      expect(result).toMatchObject({ outcome: 'accepted', tid: TID, reason: 'first_use' });
      const [request] = pinRequests();
      expect(pinRequests()).toHaveLength(1);
      expect(request!.path).toBe('/terminal/v1/void-password');
      expect(JSON.parse(request!.body)).toEqual({ newPassword: NEW, reason: 'first_use' });
      expect(signatureHolds(request!, publicKey)).toBe(true);

      expect(terminal.temporary).toBe(false);
      expect(terminal.snapshot().verifier.salt).not.toBe(before.salt);
      expect(await terminal.checkPin(NEW)).toBe('ok');
      expect(await terminal.checkPin(TEMPORARY)).toBe('wrong');

      const saved = (await readStateFile(stateFile))!.terminals[0]!;
      expect(saved.temporary).toBe(false);
      expect(await TerminalState.restore(saved).checkPin(NEW)).toBe('ok');

      expect(lines.find((line) => line.event === 'void_password_changed')).toEqual({
        at: expect.any(String),
        tid: TID,
        event: 'void_password_changed',
        reason: 'first_use',
      });
      const verifier = terminal.snapshot().verifier;
      expectNoPinPrinted(NEW, TEMPORARY, verifier.hash, verifier.salt);
    });

    it('changes nothing when the acquirer refuses the PIN as reused', async () => {
      const { fleet, terminal } = await terminalWithTemporaryPin((request) =>
        request.path.endsWith('/void-password')
          ? problem(422, 'pin.reused', `${NEW} is one of the last three void passwords.`)
          : undefined,
      );
      const before = terminal.snapshot();

      const result = await fleet.changePin(TID, TEMPORARY, NEW);

      expect(result).toMatchObject({
        outcome: 'refused_by_acquirer',
        tid: TID,
        status: 422,
        code: 'pin.reused',
      });
      expect(result.outcome === 'refused_by_acquirer' && result.detail).not.toContain(NEW);
      expect(pinRequests()).toHaveLength(1);
      const after = terminal.snapshot();
      expect(after.verifier).toEqual(before.verifier);
      expect(after.temporary).toBe(true);
      expect((await readStateFile(stateFile))!.terminals[0]!.verifier).toEqual(before.verifier);
      expect(await terminal.checkPin(TEMPORARY)).toBe('must_change');
      expect(await terminal.checkPin(NEW)).toBe('wrong');
      expect(events()).not.toContain('void_password_changed');
      expect(lines.find((line) => line.event === 'void_password_refused')).toMatchObject({
        tid: TID,
        by: 'acquirer',
        status: 422,
        code: 'pin.reused',
      });
      expectNoPinPrinted(NEW, TEMPORARY);
    });

    it('refuses a PIN breaking the policy, or a wrong current PIN, without sending anything', async () => {
      const { fleet, terminal } = await terminalWithTemporaryPin();

      expect(await fleet.changePin(TID, TEMPORARY, '123456')).toEqual({
        outcome: 'refused_locally',
        tid: TID,
        rules: ['factory_default'],
      });
      expect(await fleet.changePin(TID, TEMPORARY, '111111')).toEqual({
        outcome: 'refused_locally',
        tid: TID,
        rules: ['same_digit'],
      });
      expect(await fleet.changePin(TID, '135792', NEW)).toEqual({ outcome: 'wrong_pin', tid: TID });
      expect(await fleet.changePin('58109999', TEMPORARY, NEW)).toEqual({
        outcome: 'unavailable',
        tid: '58109999',
        why: 'unknown_terminal',
      });

      expect(pinRequests()).toHaveLength(0);
      expect(terminal.temporary).toBe(true);
      expect(await terminal.checkPin(TEMPORARY)).toBe('must_change');
      expectNoPinPrinted(NEW, TEMPORARY, '135792', '111111', '"123456');
    });

    it('waits for a check-in under way rather than interleaving with it', async () => {
      let holding = false;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const happy = scriptedAcquirer(null);
      await terminalWithTemporaryPin((request) =>
        holding && request.path.endsWith('/check-in') ? released.then(() => happy(request)) : undefined,
      );
      const checkIns = (): number => acquirer!.requests.filter((r) => r.path.endsWith('/check-in')).length;
      const before = checkIns();

      // The same acquirer, the terminal as saved; its check-in now held until released.
      const fleet = await fleetOf(happy, { count: 1 });
      holding = true;
      await fleet.start();
      await vi.waitFor(() => expect(checkIns()).toBe(before + 1));
      const change = fleet.changePin(TID, TEMPORARY, NEW);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pinRequests()).toHaveLength(0);
      release();
      const result = await change;
      await fleet.stop();

      expect(result).toMatchObject({ outcome: 'accepted' });
      expect(acquirer!.requests.slice(-2).map((request) => request.path)).toEqual([
        '/terminal/v1/check-in',
        '/terminal/v1/void-password',
      ]);
    });
  });
});
