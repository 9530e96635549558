// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIDS, MERCHANT_A } from '@acquirer/data/demo-fixtures';
import { backendAt, testServerConfig } from '../tests/contract/backends';
import { type ApiUser, resetToTemporaryPin, signedIn } from '../tests/contract/client';
import { runCli } from './db/cli';
import { openDb } from './db/database';
import { createLogger } from './logger';
import { stopped } from './process-testing';
import { type RunningServer, startServer } from './server';

// The seed's story between separate programs: the server on a seeded file, and the emulator as its own process
// holding the terminals' keys, speaking only the terminal protocol.

const root = path.resolve(import.meta.dirname, '..');
let dir: string;
let server: RunningServer;
let emulator: ChildProcess;
const lines: Record<string, unknown>[] = [];
let stdout = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'emulator-'));
  const file = path.join(dir, 'acquirer.db');
  const config = testServerConfig({ dbPath: file });
  const env = { SERVER_SECRET: config.secret!, SCRYPT_COST: String(config.scryptCost) };
  await runCli(['seed', '--db', file, '--activation-codes', path.join(dir, 'codes.json')], env, () => {});
  server = await startServer(
    config,
    createLogger(() => {}, 'silent'),
  );
  emulator = spawn(
    process.execPath,
    [
      ...[
        '--import',
        'tsx',
        'terminal/main.ts',
        '--server',
        server.url,
        '--codes',
        path.join(dir, 'codes.json'),
      ],
      ...['--state', path.join(dir, 'terminals.json'), '--merchant', MERCHANT_A, '--interval', '10'],
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  createInterface({ input: emulator.stdout! }).on('line', (line) => {
    stdout += `${line}\n`;
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
}, 60_000);

afterAll(async () => {
  if (emulator.exitCode === null) await stopped(emulator, 'SIGTERM');
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, read: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}; the emulator said:\n${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function terminal(owner: ApiUser, tid: string) {
  return (await owner.get(`/terminals/${tid}`)).body as {
    status: string;
    voidPassword: { state: string };
    openCommand: { id: string; status: string } | null;
  };
}

describe('the terminal emulator against the acquirer server', () => {
  it('keeps the activation codes in an owner-only file, and only their hashes in the database', async () => {
    const codesFile = path.join(dir, 'codes.json');
    expect(statSync(codesFile).mode & 0o777).toBe(0o600);
    const { codes } = JSON.parse(readFileSync(codesFile, 'utf8')) as { codes: { activationCode: string }[] };
    expect(codes.length).toBeGreaterThan(10);
    const db = openDb(path.join(dir, 'acquirer.db'));
    try {
      const links = (await db.read(db.q.selectFrom('terminals').select('link'))).map((row) => row.link ?? '');
      expect(links.filter((link) => link.includes('codeHash'))).toHaveLength(codes.length);
      expect(links.join('\n')).not.toContain(codes[0]!.activationCode);
    } finally {
      await db.close();
    }
  });

  it('activates the merchant’s terminals, which check in; a reset is applied by the terminal, never sent as the PIN', async () => {
    const owner = await signedIn(
      backendAt(() => server.url),
      'owner',
    );
    owner.agent.sticky = true;
    const tid = DEMO_TIDS.defaultPassword;
    await until('the terminal online', async () =>
      (await terminal(owner, tid)).status === 'online' &&
      lines.some((line) => line.event === 'checked_in' && line.tid === tid)
        ? true
        : null,
    );

    const { temporaryPassword, command } = await resetToTemporaryPin(owner, tid);

    const applied = await until('the command applied', async () => {
      const seen = await terminal(owner, tid);
      return seen.openCommand === null && seen.voidPassword.state === 'temporary' ? seen : null;
    });
    expect(applied.status).toBe('online');
    // It reports the release the acquirer knew it by, not one of its own.
    const { codes } = JSON.parse(readFileSync(path.join(dir, 'codes.json'), 'utf8')) as {
      codes: { tid: string; firmware: string }[];
    };
    expect(((await owner.get(`/terminals/${tid}`)).body as { firmware: string }).firmware).toBe(
      codes.find((code) => code.tid === tid)!.firmware,
    );
    const history = await owner.get(`/terminals/${tid}/void-password/commands`);
    expect((history.body as { items: { id: string; status: string }[] }).items[0]).toMatchObject({
      id: command.id,
      status: 'applied',
    });
    expect(lines).toContainEqual(expect.objectContaining({ tid, event: 'command_applied' }));
    expect(stdout).not.toContain(temporaryPassword);
    // Only merchant A's terminals were run.
    expect(lines.filter((line) => line.tid === DEMO_TIDS.merchantBCustom)).toEqual([]);
  }, 60_000);

  it('stops on SIGTERM with exit 0', async () => {
    expect(await stopped(emulator, 'SIGTERM')).toBe(0);
    expect(lines.at(-1)).toMatchObject({ event: 'fleet_stopped' });
  });
});
