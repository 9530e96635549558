// @vitest-environment node
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAcquirer, responseText } from '@acquirer/acquirer';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import {
  CheckInResponse,
  signedMessage,
  TERMINAL_BASE_PATH,
  TerminalHeader,
} from '@contract/terminal-protocol';
import { ed25519Signatures } from './terminal-keys';

/** A terminal signing its requests to an in-process acquirer (no storage: the browser mock's way). */
function terminalOf(acquirer: ReturnType<typeof createAcquirer>, tid: string) {
  const keys = generateKeyPairSync('ed25519');
  const send = async (path: string, body: unknown) => {
    const bodyText = JSON.stringify(body);
    const fullPath = `${TERMINAL_BASE_PATH}${path}`;
    const timestamp = String(acquirer.now());
    const nonce = randomBytes(18).toString('base64url');
    const message = signedMessage({ method: 'POST', path: fullPath, tid, timestamp, nonce, body: bodyText });
    const response = await acquirer.handle({
      method: 'POST',
      path: fullPath,
      headers: {
        'content-type': 'application/json',
        [TerminalHeader.tid]: tid,
        [TerminalHeader.timestamp]: timestamp,
        [TerminalHeader.nonce]: nonce,
        [TerminalHeader.signature]: sign(null, Buffer.from(message), keys.privateKey).toString('base64'),
      },
      bodyText,
    });
    return { status: response.status, body: JSON.parse((await responseText(response)) ?? 'null') as unknown };
  };
  return {
    send,
    async activate() {
      const code = await acquirer.handle({
        method: 'POST',
        path: `/__mock/terminals/${tid}/activation-code`,
        body: {},
      });
      const { activationCode } = JSON.parse((await responseText(code))!) as { activationCode: string };
      const publicKey = keys.publicKey
        .export({ format: 'der', type: 'spki' })
        .subarray(12)
        .toString('base64');
      expect((await send('/activate', { activationCode, publicKey })).status).toBe(200);
    },
  };
}

describe('uploads of a terminal racing each other', () => {
  it('a sale sent twice at once is taken once: the run that read the ledger before the other wrote reads again', async () => {
    const acquirer = createAcquirer({ terminalSignatures: ed25519Signatures() });
    await acquirer.ready();
    const tid = DEMO_TIDS.custom;
    const terminal = terminalOf(acquirer, tid);
    await terminal.activate();
    const checkIn = await terminal.send('/check-in', {
      firmware: 'V2.4.1',
      checkInIntervalSeconds: 30,
      wrongVoidPasswordAttempts: 0,
    });
    const { batchNo } = CheckInResponse.parse(checkIn.body).batch;
    const sale = {
      type: 'sale',
      batchNo,
      traceNo: '730001',
      rrn: '573000100000',
      operatorNo: '01',
      method: 'card_contactless',
      amount: 6_600,
      cardLast4: '1234',
      at: new Date(acquirer.now()).toISOString(),
    };
    // Both read the ledger before either writes; the second must not add the sale again.
    const answers = await Promise.all([
      terminal.send('/transactions', sale),
      terminal.send('/transactions', sale),
    ]);
    expect(answers.map((answer) => (answer.body as { result: string }).result).sort()).toEqual([
      'accepted',
      'duplicate',
    ]);
    const stored = acquirer.state.world.transactions.filter(
      (tx) => tx.terminal.tid === tid && tx.traceNo === '730001',
    );
    expect(stored).toHaveLength(1);
  });
});
