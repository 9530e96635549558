// @vitest-environment node
import { generateKeyPairSync, type KeyObject, pbkdf2Sync, randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import {
  CheckInResponse,
  signedMessage,
  TERMINAL_BASE_PATH,
  TerminalErrorCode,
  TerminalHeader,
} from '@contract/terminal-protocol';
import { Agent, type Backend, httpBackend, postgresBackend } from './backends';
import { type Answer, type ApiUser, codeOf, control, resetToTemporaryPin, signedIn } from './client';

const offsets = new WeakMap<Backend, Promise<number>>();

/** The acquirer's clock less this test's: a POS sets its clock by the acquirer's, as this does. */
function clockOffset(backend: Backend): Promise<number> {
  let offset = offsets.get(backend);
  if (!offset) {
    offset = backend
      .send(new Agent(), '/api/v1/auth/session', { method: 'GET' })
      .then((response) => Date.parse(response.headers.get('date')!) - Date.now());
    offsets.set(backend, offset);
  }
  return offset;
}

/** A terminal as the protocol sees it: its own key pair, and requests it signs. */
class TestTerminal {
  readonly agent = new Agent();
  readonly keys = generateKeyPairSync('ed25519');

  constructor(
    readonly backend: Backend,
    readonly tid: string,
  ) {}

  get publicKey(): string {
    return this.keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
  }

  /** Signed with `key` (its own by default), at `timestamp`, with `nonce`: each can be made wrong. */
  request(
    path: string,
    body: unknown,
    options: { key?: KeyObject; age?: number; nonce?: string; headers?: Record<string, string> } = {},
  ) {
    const text = JSON.stringify(body);
    const fullPath = `${TERMINAL_BASE_PATH}${path}`;
    const nonce = options.nonce ?? randomBytes(18).toString('base64url');
    const signed = (async () => {
      const timestamp = String(Date.now() + (await clockOffset(this.backend)) - (options.age ?? 0));
      const message = signedMessage({
        method: 'POST',
        path: fullPath,
        tid: this.tid,
        timestamp,
        nonce,
        body: text,
      });
      const signature = sign(null, Buffer.from(message), options.key ?? this.keys.privateKey).toString(
        'base64',
      );
      return { timestamp, signature };
    })();
    return {
      nonce,
      send: async (): Promise<Answer> => {
        const { timestamp, signature } = await signed;
        const response = await this.backend.send(this.agent, fullPath, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            [TerminalHeader.tid]: this.tid,
            [TerminalHeader.timestamp]: timestamp,
            [TerminalHeader.nonce]: nonce,
            [TerminalHeader.signature]: signature,
            ...options.headers,
          },
          body: text,
        });
        const raw = await response.text();
        return {
          status: response.status,
          headers: response.headers,
          body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
          setCookies: [],
        };
      },
    };
  }

  async activate(code: string): Promise<Answer> {
    return this.request('/activate', { activationCode: code, publicKey: this.publicKey }).send();
  }

  checkIn(overrides: Partial<{ firmware: string; wrongVoidPasswordAttempts: number }> = {}) {
    return this.request('/check-in', {
      firmware: 'V2.4.1',
      appVersion: 'emulator-test',
      checkInIntervalSeconds: 30,
      wrongVoidPasswordAttempts: 0,
      ...overrides,
    });
  }
}

async function activationCode(backend: Backend, tid: string): Promise<string> {
  const answer = await control(backend, `/terminals/${tid}/activation-code`);
  expect(answer.status).toBe(200);
  return (answer.body as { activationCode: string }).activationCode;
}

async function activated(backend: Backend, tid: string): Promise<TestTerminal> {
  const terminal = new TestTerminal(backend, tid);
  const answer = await terminal.activate(await activationCode(backend, tid));
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return terminal;
}

async function openBatch(terminal: TestTerminal) {
  const answer = await terminal.checkIn().send();
  expect(answer.status).toBe(200);
  return CheckInResponse.parse(answer.body).batch;
}

function nextBatchNo(batchNo: string): string {
  return String((Number(batchNo) + 1) % 1_000_000).padStart(6, '0');
}

let saleClock: (() => string) | null = null;

function saleOf(batchNo: string, traceNo: string, amount: number) {
  return {
    type: 'sale',
    batchNo,
    traceNo,
    rrn: `5${traceNo}00000`.slice(0, 12),
    operatorNo: '01',
    method: 'card_chip',
    amount,
    cardLast4: '6230',
    at: saleClock!(),
  };
}

function voidOf(
  batchNo: string,
  traceNo: string,
  original: { batchNo: string; traceNo: string },
  amount: number,
) {
  return { ...saleOf(batchNo, traceNo, amount), type: 'void', original };
}

async function terminalSeen(owner: ApiUser, tid: string) {
  const answer = await owner.get(`/terminals/${tid}`);
  expect(answer.status).toBe(200);
  return answer.body as {
    firmware: string;
    checkIn: {
      credential: string;
      intervalSeconds: number;
      nextExpectedAt: string;
      appVersion: string | null;
    };
    status: 'online' | 'offline';
    lastSeenAt: string;
    voidPassword: { state: string; failedAttempts: number };
    openCommand: { id: string; status: string } | null;
  };
}

const backends: [string, () => Backend][] = [
  ['SQLite', () => httpBackend()],
  ['PostgreSQL, two processes', () => postgresBackend()],
];

describe.each(backends)('the terminal protocol on %s', (_name, make) => {
  const backend = make();
  beforeAll(async () => {
    await backend.start();
    const offset = await clockOffset(backend);
    saleClock = () => new Date(Date.now() + offset).toISOString();
  }, 180_000);
  afterAll(() => backend.stop());

  it('activates with a one-time code and the key the terminal made; the code is spent', async () => {
    const code = await activationCode(backend, DEMO_TIDS.custom);
    const wrong = new TestTerminal(backend, DEMO_TIDS.custom);
    const refused = await wrong.activate('a'.repeat(16));
    expect([refused.status, codeOf(refused)]).toEqual([401, TerminalErrorCode.badActivationCode]);

    const terminal = new TestTerminal(backend, DEMO_TIDS.custom);
    const answer = await terminal.activate(code);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tid: DEMO_TIDS.custom, keyId: expect.stringMatching(/^tk_/) });

    const again = await new TestTerminal(backend, DEMO_TIDS.custom).activate(code);
    expect([again.status, codeOf(again)]).toEqual([401, TerminalErrorCode.badActivationCode]);
    // The first key still works.
    expect((await terminal.checkIn().send()).status).toBe(200);
  });

  it('refuses an unsigned request, a wrong key, an old timestamp and a nonce used twice, changing nothing', async () => {
    const owner = await signedIn(backend, 'owner');
    const terminal = await activated(backend, DEMO_TIDS.defaultPassword);
    expect((await terminal.checkIn({ firmware: 'V2.4.1' }).send()).status).toBe(200);

    const unsigned = await backend.send(new Agent(), `${TERMINAL_BASE_PATH}/check-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TerminalHeader.tid]: DEMO_TIDS.defaultPassword },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe(TerminalErrorCode.unsigned);

    const stranger = generateKeyPairSync('ed25519').privateKey;
    const badKey = await terminal
      .request(
        '/check-in',
        { firmware: 'V6.6.6', checkInIntervalSeconds: 30, wrongVoidPasswordAttempts: 0 },
        { key: stranger },
      )
      .send();
    expect([badKey.status, codeOf(badKey)]).toEqual([401, TerminalErrorCode.badSignature]);

    const old = await terminal
      .request(
        '/check-in',
        { firmware: 'V6.6.6', checkInIntervalSeconds: 30, wrongVoidPasswordAttempts: 0 },
        { age: 10 * 60_000 },
      )
      .send();
    expect([old.status, codeOf(old)]).toEqual([401, TerminalErrorCode.staleTimestamp]);

    const once = terminal.checkIn({ firmware: 'V2.5.0' });
    expect((await once.send()).status).toBe(200);
    const replayed = await once.send();
    expect([replayed.status, codeOf(replayed)]).toEqual([401, TerminalErrorCode.nonceReused]);

    // … and only the accepted check-ins changed the terminal.
    expect((await terminalSeen(owner, DEMO_TIDS.defaultPassword)).firmware).toBe('V2.5.0');
  });

  it('a revoked terminal is refused until activated again', async () => {
    const owner = await signedIn(backend, 'owner');
    const terminal = await activated(backend, DEMO_TIDS.locked);
    const revoked = await owner.post(`/terminals/${DEMO_TIDS.locked}/credential/revoke`);
    expect(revoked.status).toBe(200);
    const refused = await terminal.checkIn().send();
    expect([refused.status, codeOf(refused)]).toEqual([401, TerminalErrorCode.revoked]);
    expect((await terminalSeen(owner, DEMO_TIDS.locked)).checkIn.credential).toBe('revoked');
    const audit = await owner.get('/audit-events', { tid: DEMO_TIDS.locked });
    const actions = (audit.body as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['terminal.activated', 'terminal.revoked']));

    const fresh = await activated(backend, DEMO_TIDS.locked);
    expect((await fresh.checkIn().send()).status).toBe(200);
  });

  it('delivers a reset at check-in as a verifier, never the PIN, and the acknowledgement applies it once', async () => {
    const owner = await signedIn(backend, 'owner');
    owner.agent.sticky = true;
    const tid = DEMO_TIDS.offline;
    const terminal = await activated(backend, tid);
    expect((await terminal.checkIn().send()).status).toBe(200);

    const { temporaryPassword, command } = await resetToTemporaryPin(owner, tid);
    // Nothing simulates an activated terminal: the command waits for its check-in.
    await control(backend, '/clock', { advanceMs: 45_000 });
    expect((await terminalSeen(owner, tid)).openCommand).toMatchObject({ status: 'queued' });

    const checkIn = await terminal.checkIn().send();
    expect(checkIn.status).toBe(200);
    const parsed = CheckInResponse.parse(checkIn.body);
    expect(parsed.command).toMatchObject({ id: command.id, kind: 'set_void_password', temporary: true });
    expect(JSON.stringify(checkIn.body)).not.toContain(temporaryPassword);
    if (parsed.command?.kind !== 'set_void_password') throw new Error('a set_void_password command');
    const verifier = parsed.command.verifier;
    const derived = pbkdf2Sync(
      temporaryPassword,
      Buffer.from(verifier.salt, 'hex'),
      verifier.iterations,
      32,
      'sha256',
    );
    expect(derived.toString('hex')).toBe(verifier.hash);
    expect((await terminalSeen(owner, tid)).openCommand).toMatchObject({ status: 'delivered' });

    const ack = await terminal.request(`/commands/${command.id}/ack`, { result: 'applied' }).send();
    expect(ack.body).toEqual({ id: command.id, status: 'applied' });
    const twice = await terminal.request(`/commands/${command.id}/ack`, { result: 'applied' }).send();
    expect([twice.status, twice.body]).toEqual([200, { id: command.id, status: 'applied' }]);
    const seen = await terminalSeen(owner, tid);
    expect(seen.voidPassword.state).toBe('temporary');
    expect(seen.openCommand).toBeNull();
    const history = await owner.get(`/terminals/${tid}/void-password/commands`);
    expect((history.body as { items: { id: string; status: string }[] }).items[0]).toMatchObject({
      id: command.id,
      status: 'applied',
    });
  });

  it('delivers a firmware update at check-in as update_firmware; the acknowledgement installs it, and the next check-in reports it', async () => {
    const owner = await signedIn(backend, 'owner');
    const tid = '58100110';
    const terminal = await activated(backend, tid);
    expect((await terminal.checkIn({ firmware: 'OLD-0.9' }).send()).status).toBe(200);
    const outdated = async () =>
      (
        (await owner.get('/terminals', { firmware: 'outdated', limit: '500' })).body as {
          items: { tid: string }[];
        }
      ).items.map((t) => t.tid);
    expect(await outdated()).toContain(tid);
    const before = (await owner.get(`/terminals/${tid}`)).body as {
      firmware: string;
      firmwareUpdate: string;
    };
    expect(before.firmware).toBe('OLD-0.9');

    const scheduled = await owner.post(`/terminals/${tid}/firmware-update`);
    expect(scheduled.status).toBe(202);
    const { command } = scheduled.body as { command: { id: string; firmwareVersion: string } };
    expect(command.firmwareVersion).toBe(before.firmwareUpdate);
    // An activated terminal is not simulated: the update waits for its check-in.
    await control(backend, '/clock', { advanceMs: 45_000 });
    expect((await terminalSeen(owner, tid)).openCommand).toMatchObject({ status: 'queued' });

    const checkIn = CheckInResponse.parse((await terminal.checkIn({ firmware: 'OLD-0.9' }).send()).body);
    expect(checkIn.command).toEqual({
      id: command.id,
      kind: 'update_firmware',
      version: before.firmwareUpdate,
      expiresAt: expect.any(String),
    });
    expect((await terminalSeen(owner, tid)).openCommand).toMatchObject({ status: 'delivered' });

    const ack = await terminal.request(`/commands/${command.id}/ack`, { result: 'applied' }).send();
    expect(ack.body).toEqual({ id: command.id, status: 'applied' });
    const seen = await terminalSeen(owner, tid);
    expect(seen.firmware).toBe(before.firmwareUpdate);
    expect(seen.openCommand).toBeNull();

    const next = CheckInResponse.parse(
      (await terminal.checkIn({ firmware: before.firmwareUpdate }).send()).body,
    );
    expect(next.command).toBeNull();
    expect((await terminalSeen(owner, tid)).firmware).toBe(before.firmwareUpdate);
    expect(await outdated()).not.toContain(tid);
    const history = await owner.get(`/terminals/${tid}/void-password/commands`);
    expect((history.body as { items: unknown[] }).items[0]).toMatchObject({
      id: command.id,
      kind: 'firmware',
      status: 'applied',
      firmwareVersion: before.firmwareUpdate,
    });
  });

  it('a temporary PIN changed at the terminal is checked like any new PIN, and the acquirer knows the new one', async () => {
    const owner = await signedIn(backend, 'owner');
    owner.agent.sticky = true;
    const tid = DEMO_TIDS.stalePassword;
    const terminal = await activated(backend, tid);
    const { command } = await resetToTemporaryPin(owner, tid);
    expect((await terminal.checkIn().send()).status).toBe(200);
    expect((await terminal.request(`/commands/${command.id}/ack`, { result: 'applied' }).send()).status).toBe(
      200,
    );

    const factory = await terminal
      .request('/void-password', { newPassword: '123456', reason: 'first_use' })
      .send();
    expect([factory.status, codeOf(factory)]).toEqual([422, 'pin.default']);
    const changed = await terminal
      .request('/void-password', { newPassword: '470215', reason: 'first_use' })
      .send();
    expect(changed.status).toBe(200);
    expect((await terminalSeen(owner, tid)).voidPassword.state).toBe('custom');
    const again = await terminal
      .request('/void-password', { newPassword: '470215', reason: 'operator' })
      .send();
    expect([again.status, codeOf(again)]).toEqual([422, 'pin.reused']);

    // The dashboard's change checks the current PIN against the one set at the terminal.
    const change = await owner.post(`/terminals/${tid}/void-password/change`, {
      currentPassword: '470215',
      newPassword: '592648',
    });
    expect(change.status).toBe(202);
    const audit = await owner.get('/audit-events', { tid });
    expect((audit.body as { items: { action: string; actorRole: string }[] }).items).toContainEqual(
      expect.objectContaining({ action: 'void_password.changed_at_terminal', actorRole: 'terminal' }),
    );
  });

  it('a change queued against a PIN the terminal has since replaced fails at delivery instead of overwriting it', async () => {
    const owner = await signedIn(backend, 'owner');
    const tid = DEMO_TIDS.failedAttempts;
    const terminal = await activated(backend, tid);
    const change = await owner.post(`/terminals/${tid}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '592648',
    });
    expect(change.status).toBe(202);
    const { command } = change.body as { command: { id: string } };
    const atTerminal = await terminal
      .request('/void-password', { newPassword: '470215', reason: 'operator' })
      .send();
    expect(atTerminal.status).toBe(200);

    const checkIn = CheckInResponse.parse((await terminal.checkIn().send()).body);
    expect(checkIn.command).toBeNull();
    const history = await owner.get(`/terminals/${tid}/void-password/commands`);
    expect(
      (history.body as { items: { id: string; status: string; failureReason?: string }[] }).items[0],
    ).toMatchObject({
      id: command.id,
      status: 'failed',
      failureReason: 'password_changed_at_terminal',
    });
    // The PIN set at the terminal is the one the acquirer checks.
    const again = await owner.post(`/terminals/${tid}/void-password/change`, {
      currentPassword: '470215',
      newPassword: '592648',
    });
    expect(again.status).toBe(202);
  });

  it('wrong PINs typed at the terminal lock it, and a terminal that stops checking in goes offline', async () => {
    const owner = await signedIn(backend, 'owner');
    const tid = DEMO_TIDS.openCommand;
    const terminal = await activated(backend, tid);
    expect((await terminal.checkIn({ wrongVoidPasswordAttempts: 2 }).send()).status).toBe(200);
    const first = await terminalSeen(owner, tid);
    expect(first.voidPassword).toMatchObject({ failedAttempts: 2 });
    expect(first.checkIn).toEqual({
      credential: 'active',
      intervalSeconds: 30,
      appVersion: 'emulator-test',
      nextExpectedAt: expect.any(String),
    });
    expect(Date.parse(first.checkIn.nextExpectedAt) - Date.parse(first.lastSeenAt)).toBe(30_000);
    expect((await terminal.checkIn({ wrongVoidPasswordAttempts: 3 }).send()).status).toBe(200);
    const seen = await terminalSeen(owner, tid);
    expect(seen.voidPassword.state).toBe('locked');
    expect(seen.status).toBe('online');

    // Three missed check-ins of 30 s: offline.
    await control(backend, '/clock', { advanceMs: 91_000 });
    const later = await terminalSeen(owner, tid);
    expect(later.status).toBe('offline');
    // Last seen at its last check-in, not at a beat it never made.
    expect(later.lastSeenAt).toBe(seen.lastSeenAt);
  });

  it('takes a sale uploaded twice once, and refuses a trace number used for another sale', async () => {
    const owner = await signedIn(backend, 'owner');
    const tid = DEMO_TIDS.voidBurst;
    const terminal = await activated(backend, tid);
    const { batchNo } = await openBatch(terminal);
    const sale = saleOf(batchNo, '700001', 12_345);
    const first = await terminal.request('/transactions', sale).send();
    expect([first.status, (first.body as { result: string }).result]).toEqual([200, 'accepted']);
    // The answer was lost: the terminal sends the same sale again, signed afresh.
    const retried = await terminal.request('/transactions', sale).send();
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ ...(first.body as object), result: 'duplicate' });
    const other = await terminal.request('/transactions', { ...sale, amount: 99_900 }).send();
    expect([other.status, codeOf(other)]).toEqual([409, TerminalErrorCode.traceReused]);

    const listed = await owner.get('/transactions', { terminalId: tid, q: '700001' });
    expect(listed.status).toBe(200);
    const items = (listed.body as { items: { traceNo: string; amount: number; status: string }[] }).items;
    expect(items).toEqual([
      expect.objectContaining({ traceNo: '700001', amount: 12_345, status: 'approved' }),
    ]);

    // Sent twice at once (a retry racing the first): one is taken, the other finds it.
    const racing = saleOf(batchNo, '700003', 4_200);
    const both = await Promise.all([
      terminal.request('/transactions', racing).send(),
      terminal.request('/transactions', racing).send(),
    ]);
    expect(both.map((answer) => (answer.body as { result: string }).result).sort()).toEqual([
      'accepted',
      'duplicate',
    ]);
    const raced = await owner.get('/transactions', { terminalId: tid, q: '700003' });
    expect((raced.body as { items: unknown[] }).items).toHaveLength(1);

    const wrongBatch = await terminal
      .request('/transactions', { ...saleOf(nextBatchNo(batchNo), '700002', 100) })
      .send();
    expect([wrongBatch.status, codeOf(wrongBatch)]).toEqual([422, TerminalErrorCode.batchMismatch]);
  });

  it('accepts a void only under the void rules, each refusal with its reason', async () => {
    const owner = await signedIn(backend, 'owner');
    const tid = DEMO_TIDS.settledEarly;
    const terminal = await activated(backend, tid);
    const { batchNo } = await openBatch(terminal);
    const upload = (body: object) => terminal.request('/transactions', body).send();
    expect((await upload(saleOf(batchNo, '710001', 8_800))).status).toBe(200);
    expect(
      (await upload({ ...saleOf(batchNo, '710002', 2_000), method: 'wechat_qr', cardLast4: undefined }))
        .status,
    ).toBe(200);

    const refusals: [object, string][] = [
      [voidOf(batchNo, '710010', { batchNo, traceNo: '710001' }, 4_400), 'void.partial_amount'],
      [voidOf(batchNo, '710011', { batchNo, traceNo: '719999' }, 8_800), 'void.original_not_found'],
      [
        {
          ...voidOf(batchNo, '710012', { batchNo, traceNo: '710002' }, 2_000),
          method: 'wechat_qr',
          cardLast4: undefined,
        },
        'void.qr_refund_only',
      ],
    ];
    for (const [body, code] of refusals) {
      const refused = await upload(body);
      expect([refused.status, codeOf(refused)], code).toEqual([422, code]);
    }
    const accepted = await upload(voidOf(batchNo, '710020', { batchNo, traceNo: '710001' }, 8_800));
    expect(accepted.status).toBe(200);
    const twice = await upload(voidOf(batchNo, '710021', { batchNo, traceNo: '710001' }, 8_800));
    expect([twice.status, codeOf(twice)]).toEqual([422, 'void.already_voided']);

    // The dashboard sees the sale voided and the void among the voids done.
    const sales = await owner.get('/transactions', { terminalId: tid, q: '710001' });
    expect((sales.body as { items: { status: string }[] }).items).toEqual([
      expect.objectContaining({ status: 'voided' }),
    ]);
    const voids = await owner.get('/transactions', { terminalId: tid, type: 'void', q: '710020' });
    expect((voids.body as { items: { traceNo: string; amount: number }[] }).items).toEqual([
      expect.objectContaining({ traceNo: '710020', amount: 8_800 }),
    ]);

    // Settled at the terminal: the batch closes, its totals agree, and its sales can no longer be voided.
    expect((await upload(saleOf(batchNo, '710030', 1_500))).status).toBe(200);
    const settle = await terminal
      .request('/settlement', {
        batchNo,
        sales: { count: 999, amount: 0 },
        voids: { count: 1, amount: 8_800 },
      })
      .send();
    expect(settle.status).toBe(200);
    const settled = settle.body as {
      balanced: boolean;
      early: boolean;
      acquirer: { sales: { count: number }; voids: object };
      batch: { batchNo: string };
    };
    expect(settled).toMatchObject({
      early: true,
      balanced: false,
      acquirer: { voids: { count: 1, amount: 8_800 } },
    });
    expect(settled.batch.batchNo).toBe(nextBatchNo(batchNo));
    const balanced = await terminal
      .request('/settlement', { batchNo, sales: settled.acquirer.sales, voids: settled.acquirer.voids })
      .send();
    expect(balanced.body).toMatchObject({
      batchNo,
      balanced: true,
      early: true,
      closedAt: (settle.body as { closedAt: string }).closedAt,
    });
    const late = await upload(voidOf(settled.batch.batchNo, '000001', { batchNo, traceNo: '710030' }, 1_500));
    expect([late.status, codeOf(late)]).toEqual([422, 'void.settled']);
  });

  it('refuses to void a sale of a merchant paid out the same day (D0)', async () => {
    const terminal = await activated(backend, DEMO_TIDS.merchantCd0);
    const { batchNo } = await openBatch(terminal);
    expect((await terminal.request('/transactions', saleOf(batchNo, '720001', 5_000)).send()).status).toBe(
      200,
    );
    const refused = await terminal
      .request('/transactions', voidOf(batchNo, '720002', { batchNo, traceNo: '720001' }, 5_000))
      .send();
    expect([refused.status, codeOf(refused)]).toEqual([422, 'void.d0_payout_refund_only']);
  });

  it('refuses a body that is not the contract’s, after the signature holds', async () => {
    const terminal = await activated(backend, DEMO_TIDS.unused);
    const answer = await terminal.request('/check-in', { firmware: '' }).send();
    expect(answer.status).toBe(400);
  });
});
