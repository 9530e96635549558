#!/usr/bin/env node
// `npm run serve:terminals`: the acquirer server on a freshly seeded demo database and, as a separate
// process, the emulated terminals of the demo merchants (terminal/), so a remote reset made in the
// dashboard is picked up and applied by a terminal. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const port = Number(process.env.PORT ?? 8080);
const host = '127.0.0.1';
const url = `http://${host}:${port}`;
const db = process.env.DB_PATH ?? path.join('data', 'terminals-demo.db');
const dir = '.terminals';
const codes = path.join(dir, 'demo-codes.json');
const state = path.join(dir, `demo-${host}-${port}.json`);

// A fresh demo each time: the keys the emulator made last time belong to the database seeded then.
for (const file of [db, `${db}-wal`, `${db}-shm`, codes, state]) rmSync(file, { force: true });
mkdirSync(dir, { recursive: true, mode: 0o700 });
mkdirSync(path.dirname(path.resolve(db)), { recursive: true });
const seeded = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'server/db/cli.ts', 'seed', '--db', db, '--activation-codes', codes],
  { stdio: 'inherit' },
);
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const children = [];
const server = spawn(
  process.execPath,
  ['dist-server/main.mjs', '--static', 'dist', '--db', db, '--port', String(port), '--host', host],
  { stdio: 'inherit' },
);
children.push(server);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  // The terminals first, so none checks in to a server that is going away.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.once('exit', (code) => void stop(code ?? 1));

for (let ready = false; !ready;) {
  await sleep(250);
  ready = await fetch(`${url}/api/v1/auth/session`).then(
    (response) => response.status === 401,
    () => false,
  );
  if (server.exitCode !== null) process.exit(server.exitCode);
}

const terminals = spawn(
  process.execPath,
  ['--import', 'tsx', 'terminal/main.ts', '--server', url, '--codes', codes, '--state', state],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
children.push(terminals);
terminals.once('exit', (code) => {
  if (!stopping) console.error(`the terminal emulator stopped (exit ${code}); the server goes on`);
});
console.log(
  `\nOpen ${url} and sign in as owner / owner-demo-1. The demo's terminals check in every 30 s:` +
    ' a change or reset of a void password is applied by the emulated terminal at its next check-in.\n',
);
