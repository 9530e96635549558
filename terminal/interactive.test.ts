// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStateFile } from './credentials-file';
import { type FakeAcquirer, scriptedAcquirer, startFakeAcquirer } from './test-support';

// `npm run terminal` as a person (or a pipe) runs it: stdin piped, so each PIN is the next line.

const root = path.resolve(import.meta.dirname, '..');
const TID = '58100101';
const ACTIVATION_CODE = 'abcdefghjkmnpqrs';

let acquirer: FakeAcquirer;
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terminal-interactive-'));
});
afterEach(async () => {
  await acquirer?.close();
  await rm(directory, { recursive: true, force: true });
});

async function session(input: string, extra: string[] = []) {
  const codes = path.join(directory, 'codes.json');
  const state = path.join(directory, 'state.json');
  await writeFile(
    codes,
    JSON.stringify({ server: acquirer.url, codes: [{ tid: TID, activationCode: ACTIVATION_CODE }] }),
  );
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'terminal/interactive.ts', '--server', acquirer.url, '--tid', TID],
      ...['--codes', codes, '--state', state, ...extra],
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdin.end(input);
  const code = await exited;
  return { code, stdout, stderr, state };
}

describe('npm run terminal', () => {
  it(
    'activates the terminal, runs the commands piped in, and stops at quit',
    { timeout: 60_000 },
    async () => {
      acquirer = await startFakeAcquirer(scriptedAcquirer(null));

      const { code, stdout, stderr, state } = await session(
        'checkin\nsale 88\nvoid 000001\n135792\nquit\nstatus\n',
      );

      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(`Terminal ${TID}. Type help for the commands.`);
      expect(stdout).toContain(`Activated with the acquirer (key tk_${TID}).`);
      expect(stdout).toMatch(/Sale approved: trace no\. 000001, ¥88\.00, chip card/);
      expect(stdout).toContain('Wrong void password, 4 attempts left.');
      // Nothing after quit was run; no prompt is printed to a pipe.
      expect(stdout).not.toMatch(/^Terminal: /m);
      expect(stdout).not.toContain(`${TID}> `);
      for (const secret of ['135792', ACTIVATION_CODE, 'PRIVATE KEY']) expect(stdout).not.toContain(secret);

      const saved = (await readStateFile(state))!.terminals;
      expect(saved.map((terminal) => terminal.tid)).toEqual([TID]);
      expect(saved[0]!.consecutiveWrongPins).toBe(1);
      expect(acquirer.requests[0]!.path).toBe('/terminal/v1/activate');
    },
  );

  it('stops at the end of its input too, and speaks Chinese', { timeout: 60_000 }, async () => {
    acquirer = await startFakeAcquirer(scriptedAcquirer(null));

    const { code, stdout } = await session('help\n', ['--lang', 'zh']);

    expect(code).toBe(0);
    expect(stdout).toContain(`终端 ${TID}。输入 help 查看命令。`);
    expect(stdout).toContain('撤销消费密码（即主管密码）');
  });

  it('refuses a terminal it cannot activate', { timeout: 60_000 }, async () => {
    acquirer = await startFakeAcquirer(scriptedAcquirer(null));

    const child = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', 'terminal/interactive.ts', '--server', acquirer.url, '--tid', '58109999'],
        ...['--state', path.join(directory, 'state.json')],
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(2);
    expect(stderr).toContain('Terminal 58109999 is not in');
    expect(acquirer.requests).toHaveLength(0);
  });
});
