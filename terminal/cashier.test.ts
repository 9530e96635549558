// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerminalCommand } from '@contract/terminal-protocol';
import { Cashier, type CashierReply, type Lang } from './cashier';
import { readStateFile, updateStateFile } from './credentials-file';
import { assembleFleet, Fleet, type FleetLogLine } from './fleet';
import { ProtocolClient } from './protocol-client';
import {
  type FakeAcquirer,
  type FakeAnswer,
  pinVerifier,
  problem,
  type RecordedRequest,
  scriptedAcquirer,
  setPinCommand,
  startFakeAcquirer,
} from './test-support';

const TID = '58100101';
const CODE = { tid: TID, activationCode: 'abcdefghjkmnpqrs', merchantId: '898310058120001' };
const TEMPORARY = '246813';
const NEW = '581937';
const WRONG = '135792';
const ALL_PINS = [TEMPORARY, NEW, WRONG, '979797', '123456', '111111'];

let acquirer: FakeAcquirer | undefined;
let directory: string;
let stateFile: string;
let lines: FleetLogLine[];
/** Delivered at the next check-in, once. */
let nextCommand: TerminalCommand | null;
let fleet: Fleet | undefined;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terminal-cashier-'));
  stateFile = path.join(directory, 'state.json');
  lines = [];
  nextCommand = null;
});
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
  await acquirer?.close();
  acquirer = undefined;
  await rm(directory, { recursive: true, force: true });
});

/** One terminal, activated and checked in once (no command), and a cashier at it who notes all it reads. */
async function atTheTerminal(
  options: {
    lang?: Lang;
    override?: (request: RecordedRequest) => FakeAnswer | undefined;
  } = {},
) {
  const happy = scriptedAcquirer(null);
  acquirer = await startFakeAcquirer((request) => {
    const special = options.override?.(request);
    if (special) return special;
    const answer = happy(request);
    if (request.path.endsWith('/check-in') && answer !== 'drop') {
      const command = nextCommand;
      nextCommand = null;
      return { ...answer, body: { ...(answer.body as object), command } };
    }
    return answer;
  });
  const server = acquirer.url;
  fleet = new Fleet({
    client: new ProtocolClient({ serverUrl: server, retryDelayMs: 1 }),
    members: await assembleFleet({ saved: [], codes: [CODE] }),
    log: (line) => lines.push(line),
    save: (terminals) =>
      updateStateFile(
        stateFile,
        server,
        terminals.map((terminal) => terminal.snapshot()),
      ),
    spreadFirstCheckIns: false,
  });
  await fleet.start();
  await vi.waitFor(() => expect(lines.map((line) => line.event)).toContain('checked_in'));
  const cashier = new Cashier({ fleet, tid: TID, lang: options.lang });
  const transcript: string[] = [];
  /** Types `typed`, one line after another; answers the last reply. */
  const type = async (...typed: string[]): Promise<CashierReply> => {
    let reply: CashierReply | undefined;
    for (const line of typed) {
      reply = await cashier.handle(line);
      transcript.push(reply.prompt, reply.text);
    }
    return reply!;
  };
  const terminal = fleet.members[0]!.terminal;
  return { cashier, type, transcript, terminal };
}

const pinRequests = (): RecordedRequest[] =>
  acquirer!.requests.filter((request) => request.path.endsWith('/void-password'));

function expectNoPin(transcript: string[]): void {
  const printed = transcript.join('\n');
  for (const pin of ALL_PINS) expect(printed).not.toContain(pin);
}

describe('Cashier', () => {
  it('shows the status before and after a temporary PIN comes from the dashboard', async () => {
    const { type, transcript } = await atTheTerminal();

    const before = (await type('status')).text;
    expect(before).toContain(`Terminal: ${TID}, merchant 898310058120001`);
    expect(before).toContain(`Activated: yes, key tk_${TID}, since`);
    expect(before).toContain('Firmware: V2.4.1, LKL-POS 3.8.2');
    expect(before).toMatch(/Check-ins: every 30 s; last at \d\d:\d\d:\d\d; next expected at \d\d:\d\d:\d\d/);
    expect(before).toContain('Void password: factory default');
    expect(before).toContain('Voids: open');
    expect(before).toContain('Wrong PINs: 0 since the last check-in');
    expect(before).toContain('Commands: none in this session');
    expect(before).not.toContain('PRIVATE KEY');

    nextCommand = setPinCommand(pinVerifier(TEMPORARY), { id: 'cmd_9', temporary: true });
    const checkIn = (await type('checkin')).text;
    expect(checkIn).toMatch(/^Checked in at \d\d:\d\d:\d\d; next check-in in 30 s\./);
    expect(checkIn).toContain(
      'The acquirer set a new void password (cmd_9): temporary, it must be changed at its first use.',
    );
    expect(acquirer!.requests.at(-1)!.path).toBe('/terminal/v1/commands/cmd_9/ack');

    const after = (await type('status')).text;
    expect(after).toContain('Void password: temporary: must be changed at its first use');
    expect(after).toMatch(/Commands: cmd_9 applied at \d\d:\d\d:\d\d \(a temporary PIN\)/);

    expect((await type('checkin')).text).toContain('No command.');
    expectNoPin(transcript);
  });

  it('counts wrong void passwords, locks at the fifth, and reports them at the next check-in', async () => {
    const { type, transcript } = await atTheTerminal();
    expect((await type('sale 12.00')).text).toMatch(
      /^Sale approved: trace no\. 000001, ¥12\.00, chip card \*{4}\d{4}\.$/,
    );

    const asked = await type('void 000001');
    expect(asked).toMatchObject({ text: '', prompt: 'Void password: ', secret: true });
    const answers = [(await type(WRONG)).text];
    for (let attempt = 1; attempt < 5; attempt++) answers.push((await type('void 000001', WRONG)).text);
    expect(answers).toEqual([
      'Wrong void password, 4 attempts left.',
      'Wrong void password, 3 attempts left.',
      'Wrong void password, 2 attempts left.',
      'Wrong void password, 1 attempt left.',
      expect.stringMatching(/^Wrong void password\. Locked for 30 minutes, until \d\d:\d\d/),
    ]);

    // Locked: not even asked for the PIN, and the factory default is no way round it.
    const locked = await type('void 000001');
    expect(locked).toMatchObject({ secret: false, prompt: `${TID}> ` });
    expect(locked.text).toMatch(/^Voids are locked until \d\d:\d\d/);
    expect((await type('pin')).text).toMatch(/^Voids are locked until/);
    const status = (await type('status')).text;
    expect(status).toMatch(/Voids: locked until \d\d:\d\d/);
    expect(status).toContain('Wrong PINs: 5 since the last check-in');

    expect((await type('checkin')).text).toContain('Reported 5 wrong void passwords.');
    const checkIn = acquirer!.requests.filter((request) => request.path.endsWith('/check-in')).at(-1)!;
    expect(JSON.parse(checkIn.body)).toMatchObject({ wrongVoidPasswordAttempts: 5 });
    expect((await type('status')).text).toContain('Wrong PINs: 0 since');
    // Saved, so a restart keeps the lock.
    expect((await readStateFile(stateFile))!.terminals[0]!.lockedUntil).toEqual(expect.any(Number));
    expectNoPin(transcript);
  });

  it('has a temporary PIN changed at its first use, then voids the sale with the new one', async () => {
    const { type, transcript, terminal } = await atTheTerminal();
    nextCommand = setPinCommand(pinVerifier(TEMPORARY), { temporary: true });
    await type('checkin');
    await type('sale 30', 'sale 45.50 tap');

    await type('void 1');
    const mustChange = await type(TEMPORARY);
    expect(mustChange).toMatchObject({ prompt: 'New void password: ', secret: true });
    expect(mustChange.text).toContain('temporary and must be changed at its first use');
    expect(await type(NEW)).toMatchObject({ text: '', prompt: 'New void password again: ', secret: true });
    const done = await type(NEW);

    expect(done.secret).toBe(false);
    expect(done.text).toMatch(/^The acquirer accepted the new void password at \d\d:\d\d:\d\d; it replaces/);
    expect(done.text).toContain(
      "Void approved: sale 000001 (¥30.00) is voided; the void's trace no. is 000003.",
    );
    expect(pinRequests()).toHaveLength(1);
    expect(JSON.parse(pinRequests()[0]!.body)).toEqual({ newPassword: NEW, reason: 'first_use' });
    expect(terminal.temporary).toBe(false);
    expect((await type('status')).text).toContain('Void password: set by the merchant');

    // The new PIN now passes at a void; the temporary one no longer does.
    expect((await type('void 000002', TEMPORARY)).text).toBe('Wrong void password, 4 attempts left.');
    expect((await type('void 000002', NEW)).text).toBe(
      "Void approved: sale 000002 (¥45.50) is voided; the void's trace no. is 000004.",
    );
    expect((await type('void 000002')).text).toBe('Sale 000002 is voided already.');
    expect((await type('void 000009')).text).toBe(
      'No sale with trace no. 000009 in the open batch (see sales).',
    );
    const uploads = acquirer!.requests.filter((request) => request.path.endsWith('/transactions'));
    expect(uploads.map((request) => JSON.parse(request.body) as { type: string; traceNo: string })).toEqual([
      expect.objectContaining({ type: 'sale', traceNo: '000001', amount: 3_000, method: 'card_chip' }),
      expect.objectContaining({ type: 'sale', traceNo: '000002', amount: 4_550, method: 'card_contactless' }),
      expect.objectContaining({
        type: 'void',
        traceNo: '000003',
        original: { batchNo: '000001', traceNo: '000001' },
      }),
      expect.objectContaining({
        type: 'void',
        traceNo: '000004',
        original: { batchNo: '000001', traceNo: '000002' },
      }),
    ]);
    const listed = (await type('sales')).text;
    expect(listed).toMatch(
      /^Batch 000001:\n {2}000001 {2}\d\d:\d\d {2}sale {2}¥30\.00 {2}chip card {2}voided\n/,
    );
    expect(listed).toContain('000004');
    expect(pinRequests()).toHaveLength(1);
    expectNoPin(transcript);
  });

  it('sends nothing when the second entry differs, or the new PIN breaks the rules', async () => {
    const { type, transcript, terminal } = await atTheTerminal();
    nextCommand = setPinCommand(pinVerifier(TEMPORARY), { temporary: true });
    await type('checkin');
    await type('sale 8');

    expect((await type('void 000001', TEMPORARY, NEW, '979797')).text).toBe(
      'The two entries differ. Nothing was changed.',
    );
    expect((await type('void 000001', TEMPORARY, '111111')).text).toBe(
      'The new void password breaks the rules: not one digit repeated. Nothing was changed.',
    );
    expect((await type('pin', TEMPORARY, '123456')).text).toBe(
      'The new void password breaks the rules: not the factory default. Nothing was changed.',
    );
    // An empty entry cancels, and counts as no attempt.
    expect((await type('void 000001', '')).text).toBe('Cancelled.');
    expect(terminal.consecutiveWrongPins).toBe(0);

    expect(pinRequests()).toHaveLength(0);
    expect(terminal.temporary).toBe(true);
    expectNoPin(transcript);
  });

  it('changes the PIN with pin, and says in words why the acquirer refused one', async () => {
    let refuse = true;
    const { type, transcript } = await atTheTerminal({
      override: (request) =>
        refuse && request.path.endsWith('/void-password')
          ? problem(422, 'pin.reused', `${NEW} is one of the last three void passwords.`)
          : undefined,
    });

    expect((await type('pin', WRONG)).text).toBe('Wrong void password, 4 attempts left.');
    const asked = await type('pin', '123456');
    expect(asked).toMatchObject({ text: '', prompt: 'New void password: ', secret: true });
    const refused = (await type(NEW, NEW)).text;
    expect(refused).toContain(
      'The acquirer refused the new void password: it is one of the last three void passwords. Nothing was changed.',
    );
    expect(refused).toContain('HTTP 422 pin.reused — •••••• is one of the last three void passwords.');

    refuse = false;
    const accepted = (await type('pin', '123456', NEW, NEW)).text;
    expect(accepted).toMatch(/^The acquirer accepted the new void password at \d\d:\d\d:\d\d\. The terminal/);
    expect(JSON.parse(pinRequests().at(-1)!.body)).toEqual({ newPassword: NEW, reason: 'operator' });
    expectNoPin(transcript);
  });

  it('does not quote what it does not understand, and answers help', async () => {
    const { type, transcript } = await atTheTerminal();
    expect((await type(TEMPORARY)).text).toBe('Unknown command; type help for the list.');
    expect((await type('void')).text).toContain('Type void and the 6-digit trace number');
    expect((await type('void 1234567')).text).toContain('Type void and the 6-digit trace number');
    const help = (await type('help')).text;
    expect((await type('sale 12,00')).text).toContain('Type sale, the amount in yuan');
    expect((await type('sale 12 cash')).text).toContain('Type sale, the amount in yuan');
    for (const command of [
      'status',
      'sale <amount>',
      'sales',
      'void <trace no.>',
      'settle',
      'pin',
      'checkin',
      'help',
      'quit',
    ]) {
      expect(help).toContain(command);
    }
    expect(await type('quit')).toMatchObject({ quit: true });
    expectNoPin(transcript);
  });

  it('speaks Chinese with --lang zh', async () => {
    const { type, transcript } = await atTheTerminal({ lang: 'zh' });
    const help = (await type('help')).text;
    expect(help).toContain('撤销消费密码（即主管密码）');
    expect((await type('sale 66 wechat')).text).toBe('消费成功：凭证号 000001，¥66.00，微信支付。');
    expect(await type('void 000001')).toMatchObject({ prompt: '撤销消费密码：', secret: true });
    expect((await type(WRONG)).text).toBe('撤销消费密码错误，还可尝试 4 次。');
    expect((await type('void 000001', '123456')).text).toContain(
      '撤销成功：凭证号 000001（¥66.00）的消费已撤销',
    );
    expect((await type('settle')).text).toMatch(
      /^批次 000001 已结算（日切前）：消费 1 笔 ¥66\.00，撤销 1 笔 ¥66\.00。对账平。当前批次 000002。$/,
    );
    const status = (await type('status')).text;
    expect(status).toContain('撤销消费密码：出厂默认');
    expect(status).toContain('与平台通信：每 30 秒');
    expectNoPin(transcript);
  });

  it('tells of a firmware update installed in the background, in English and in Chinese', async () => {
    const at = new Date().toISOString();
    const line = { at, tid: TID, event: 'firmware_updated', commandId: 'cmd_fw', version: 'A8_V2.4.2' };
    expect((await atTheTerminal()).cashier.notice(line)).toBe(
      'Firmware updated to A8_V2.4.2 (cmd_fw); the next check-in reports it.',
    );
    expect((await atTheTerminal({ lang: 'zh' })).cashier.notice(line)).toBe(
      '固件已升级至 A8_V2.4.2（cmd_fw）；下次与平台通信时上报。',
    );
  });

  it('tells of what the background check-ins brought, once per loss of contact', async () => {
    const { cashier } = await atTheTerminal();
    const at = new Date().toISOString();
    expect(
      cashier.notice({ at, tid: TID, event: 'command_applied', commandId: 'cmd_3', temporary: true }),
    ).toBe('The acquirer set a new void password (cmd_3): temporary, it must be changed at its first use.');
    const failed = { at, tid: TID, event: 'request_failed', request: 'check_in', reason: 'ECONNREFUSED' };
    expect(cashier.notice(failed)).toBe(
      'No contact with the acquirer: the acquirer did not answer (ECONNREFUSED). The terminal keeps trying.',
    );
    expect(cashier.notice(failed)).toBeNull();
    expect(cashier.notice({ at, tid: TID, event: 'checked_in' })).toBe('In contact with the acquirer again.');
    expect(cashier.notice({ at, tid: TID, event: 'checked_in' })).toBeNull();
    expect(cashier.notice({ at, tid: '58100102', event: 'revoked' })).toBeNull();
    expect(cashier.notice({ at, tid: TID, event: 'revoked' })).toBe(
      'Stopped: the acquirer revoked its key; it needs a new activation code.',
    );
  });
});
