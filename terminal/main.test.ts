// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStateFile } from './credentials-file';
import {
  type FakeAcquirer,
  pinVerifier,
  scriptedAcquirer,
  setPinCommand,
  startFakeAcquirer,
} from './test-support';

// The CLI as an operator runs it: its stdout is what must carry no secret.

const root = path.resolve(import.meta.dirname, '..');
const ACTIVATION_CODE = 'abcdefghjkmnpqrs';

let acquirer: FakeAcquirer;
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terminal-cli-'));
});
afterEach(async () => {
  await acquirer?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('npm run terminals', () => {
  it(
    'runs the merchant’s terminals, prints JSON lines without secrets, stops on SIGTERM',
    { timeout: 60_000 },
    async () => {
      const verifier = pinVerifier('246813');
      acquirer = await startFakeAcquirer(scriptedAcquirer(setPinCommand(verifier)));
      const codes = path.join(directory, 'codes.json');
      const state = path.join(directory, 'state.json');
      await writeFile(
        codes,
        JSON.stringify({
          server: acquirer.url,
          codes: [
            { tid: '58100101', activationCode: ACTIVATION_CODE, merchantId: '898310058120001' },
            { tid: '58100102', activationCode: 'stuvwxyz23456789', merchantId: '898310058120002' },
          ],
        }),
      );

      const child = spawn(
        process.execPath,
        [
          ...['--import', 'tsx', 'terminal/main.ts', '--server', acquirer.url],
          ...['--codes', codes, '--state', state, '--merchant', '898310058120001'],
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const stdout: string[] = [];
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          stdout.push(line);
          if (line.includes('"command_applied"')) resolve();
        });
        void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
      });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      const lines = stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const line of lines)
        expect(line).toMatchObject({ at: expect.any(String), event: expect.any(String) });
      expect(lines.map((line) => line.event)).toEqual(
        expect.arrayContaining(['activated', 'checked_in', 'stopping']),
      );
      expect(lines.at(-1)?.event).toBe('fleet_stopped');

      // --merchant: only its terminal was activated, checked in and saved.
      expect(new Set(lines.map((line) => line.tid).filter(Boolean))).toEqual(new Set(['58100101']));
      expect(acquirer.requests.every((request) => request.headers['x-terminal-id'] === '58100101')).toBe(
        true,
      );
      const saved = await readStateFile(state);
      expect(saved?.terminals.map((terminal) => terminal.tid)).toEqual(['58100101']);
      const printed = stdout.join('\n') + stderr;
      const stateText = await readFile(state, 'utf8');
      expect(stateText).toContain('PRIVATE KEY');
      for (const terminal of saved!.terminals) {
        const body = terminal.privateKeyPem!.replace(/-----[A-Z ]+-----|\s/g, '');
        expect(printed).not.toContain(body);
      }
      for (const secret of [verifier.hash, verifier.salt, ACTIVATION_CODE])
        expect(printed).not.toContain(secret);
    },
  );
});
