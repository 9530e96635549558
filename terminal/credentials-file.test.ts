// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStateFile, updateStateFile, writeStateFile } from './credentials-file';
import { type SavedTerminal, TerminalState } from './terminal-state';

const SERVER = 'http://127.0.0.1:8787';
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terminal-credentials-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function activated(tid: string, keyId: string): Promise<SavedTerminal> {
  const terminal = await TerminalState.create(tid);
  terminal.activated(
    '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----\n',
    keyId,
    new Date().toISOString(),
  );
  return terminal.snapshot();
}

describe('updateStateFile', () => {
  it('replaces its own terminals and keeps the others as they are on disk now', async () => {
    const file = path.join(directory, 'state.json');
    // Another run re-activated 58100102 after this one read the file: its new key must stay.
    await writeStateFile(file, {
      server: SERVER,
      terminals: [await activated('58100101', 'tk_old'), await activated('58100102', 'tk_new')],
    });

    await updateStateFile(file, SERVER, [await activated('58100101', 'tk_mine')]);

    const saved = await readStateFile(file);
    expect(saved?.terminals.map((terminal) => [terminal.tid, terminal.keyId])).toEqual([
      ['58100102', 'tk_new'],
      ['58100101', 'tk_mine'],
    ]);
  });

  it('makes the file when there is none', async () => {
    const file = path.join(directory, 'new', 'state.json');
    await updateStateFile(file, SERVER, [await activated('58100101', 'tk_1')]);
    expect((await readStateFile(file))?.terminals).toHaveLength(1);
  });
});
