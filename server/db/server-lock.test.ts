// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { lockFileOf, ServerRunningError, takeServerLock } from './server-lock';

// One server per SQLite file (decision 019); server/crash.test.ts runs it with real processes.

const dir = mkdtempSync(path.join(tmpdir(), 'acquirer-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileNamed = (name: string) => path.join(dir, `${name}.db`);
const leave = (db: string, holder: Record<string, unknown>) =>
  writeFileSync(lockFileOf(db), JSON.stringify(holder));

it('is taken once: a second taker in the same process is refused until the first lets go', () => {
  const db = fileNamed('twice');
  const first = takeServerLock(db);
  expect(JSON.parse(readFileSync(lockFileOf(db), 'utf8'))).toMatchObject({
    who: 'an acquirer server',
    pid: process.pid,
  });
  expect(() => takeServerLock(db, 'npm run db:seed')).toThrow(
    /Npm run db:seed cannot open .*twice\.db: an acquirer server \(process \d+, since .*\) is using it/,
  );
  first.release();
  expect(existsSync(lockFileOf(db))).toBe(false);
  takeServerLock(db).release();
});

it('takes over a lock left by a process that no longer runs, or by an earlier process with this id', () => {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  const db = fileNamed('stale');
  leave(db, {
    who: 'an acquirer server',
    pid: Number(gone.stdout),
    host: hostname(),
    startedAt: 'then',
    token: 'x',
  });
  takeServerLock(db).release();
  leave(db, {
    who: 'an acquirer server',
    pid: process.pid,
    host: hostname(),
    startedAt: 'then',
    token: 'old',
  });
  const lock = takeServerLock(db);
  expect(JSON.parse(readFileSync(lockFileOf(db), 'utf8')).token).not.toBe('old');
  lock.release();
});

it('counts a lock of another host as held, and says which file to delete if nothing runs', () => {
  const db = fileNamed('shared');
  leave(db, { who: 'an acquirer server', pid: 1, host: 'elsewhere', startedAt: 'then', token: 'x' });
  expect(() => takeServerLock(db)).toThrow(ServerRunningError);
  expect(() => takeServerLock(db)).toThrow(/process 1 on elsewhere.*delete .*shared\.db\.server\.lock/);
});

it('takes nothing for a database in memory', () => {
  takeServerLock(':memory:').release();
  takeServerLock(':memory:').release();
});
