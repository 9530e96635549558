import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One server process per SQLite file (decision 019). The server keeps terminals, commands, sessions and
 * throttles in memory and writes them through: a second process on the same file would hold its own copy,
 * and the rules (one open command per terminal, five tries, throttles, idempotency) would break between
 * them. So the server takes `<file>.server.lock` at start — created exclusively, naming its process — and
 * removes it at shutdown. A lock left by a process that no longer runs (`kill -9`, a crash) is taken over.
 * The tools that write the fleet (seed, provisioning, migrations) take it too, so neither runs beside a
 * server; an online backup does not need it.
 */
export interface ServerLock {
  release(): void;
}

interface Holder {
  /** What holds it: `an acquirer server`, `npm run db:provision`, … */
  who: string;
  pid: number;
  host: string;
  startedAt: string;
  token: string;
}

/** The locks this process holds: a lock naming this pid but none of these was left by an earlier process. */
const heldHere = new Set<string>();

export class ServerRunningError extends Error {
  override name = 'ServerRunningError';
}

export const lockFileOf = (dbFile: string) => `${path.resolve(dbFile)}.server.lock`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? {
          who: String(holder.who ?? 'an acquirer server'),
          pid: holder.pid,
          host: holder.host,
          startedAt: String(holder.startedAt ?? ''),
          token: String(holder.token ?? ''),
        }
      : null;
  } catch {
    return null;
  }
}

/** The server process that holds the file, if one still runs; `null` when none does. */
export function runningServer(dbFile: string): Holder | null {
  if (dbFile === ':memory:') return null;
  const holder = holderOf(lockFileOf(dbFile));
  if (!holder) return null;
  // On another machine (a shared disk) it cannot be checked: taken as running.
  if (holder.host !== hostname()) return holder;
  if (holder.pid === process.pid) return heldHere.has(holder.token) ? holder : null;
  return isAlive(holder.pid) ? holder : null;
}

function refusal(dbFile: string, holder: Holder, who: string): ServerRunningError {
  const where =
    holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
  return new ServerRunningError(
    `${who} cannot open ${dbFile}: ${holder.who} (${where}, since ${holder.startedAt}) is using it. ` +
      'An SQLite file serves one server process, and the tools that write it wait until it stops; stop ' +
      `that one first. If nothing runs on it, delete ${lockFileOf(dbFile)}.`,
  );
}

/**
 * Takes the file for this process — a server, or a tool that writes the fleet (seed, provisioning,
 * migrations) — or refuses, naming who holds it.
 */
export function takeServerLock(dbFile: string, who = 'an acquirer server'): ServerLock {
  if (dbFile === ':memory:') return { release() {} };
  const file = lockFileOf(dbFile);
  const mine: Holder = {
    who,
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o644 });
      heldHere.add(mine.token);
      return {
        release() {
          if (!heldHere.delete(mine.token)) return;
          if (holderOf(file)?.token === mine.token) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = runningServer(dbFile);
    if (holder) throw refusal(dbFile, holder, who.charAt(0).toUpperCase() + who.slice(1));
    // Left by a process that no longer runs (or unreadable): removed, then taken as above.
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new ServerRunningError(`${file} keeps coming back: is another server starting on ${dbFile}?`);
}
