// Live events benchmark (decision 023; not a test): `npm run bench:events [-- --samples N --streams N]`.
//
// (a) From a terminal's acknowledgement (POST /terminal/v1/commands/:id/ack, signed as the terminal) to the
//     `applied` event arriving on a dashboard stream: median and p95 over N resets (target ≤ 1 s median).
// (b) N streams open on one server process (default 1,000): its RSS (target < 300 MB), and how long one
//     event takes to reach all of them.
// The server runs as its own process (tsx server/main.ts, sandbox, a scratch SQLite file), as in production.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORDS, DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { credentialOf, newTerminalKeys, ProtocolClient } from '../terminal/protocol-client';

const { values: args } = parseArgs({
  options: { samples: { type: 'string', default: '30' }, streams: { type: 'string', default: '1000' } },
});
const SAMPLES = Number(args.samples);
const STREAMS = Number(args.streams);
const root = path.resolve(import.meta.dirname, '..');

async function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--sandbox', '--host', '127.0.0.1', '--port', '0', '--db', db],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'info', SCRYPT_COST: '10' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; url?: string };
      if (entry.msg === 'listening') resolve(entry.url!);
    });
  });
  // Drain its request log.
  lines.on('line', () => {});
  return { url, child };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

class Session {
  cookie = '';
  csrf = '';
  keys = 0;
  constructor(readonly url: string) {}
  async call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.url}${p}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(method === 'POST' && this.csrf ? { 'X-CSRF-Token': this.csrf } : {}),
        ...(method === 'POST' ? { 'Idempotency-Key': `bench-${Date.now()}-${++this.keys}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('mc_session='));
    if (set) this.cookie = set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  async login(username: keyof typeof DEMO_PASSWORDS) {
    const answer = await this.call('POST', '/api/v1/auth/login', {
      username,
      password: DEMO_PASSWORDS[username],
    });
    if (answer.status !== 200) throw new Error(`login ${answer.status}`);
    this.csrf = answer.body.csrfToken as string;
  }
}

/** A stream read by `onData` chunks; resolves once open. */
async function openStream(url: string, cookie: string, onText: (text: string) => void) {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, { headers: { Cookie: cookie }, signal: abort.signal });
  if (response.status !== 200) throw new Error(`stream ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        onText(decoder.decode(value, { stream: true }));
      }
    } catch {
      // aborted
    }
  })();
  return () => abort.abort();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-events-'));
  const { url, child } = await startServer(path.join(dir, 'acquirer.db'));
  try {
    const owner = new Session(url);
    await owner.login('owner');
    const tid = DEMO_TIDS.custom;
    // The terminal activates on the protocol.
    const code = await owner.call('POST', `/__mock/terminals/${tid}/activation-code`, {});
    const keys = newTerminalKeys();
    const terminal = new ProtocolClient({ serverUrl: url });
    await terminal.activate(tid, keys, code.body.activationCode as string);
    const credential = credentialOf(tid, keys.privateKeyPem);
    const checkIn = () =>
      terminal.checkIn(credential, {
        firmware: 'V2.1.0',
        checkInIntervalSeconds: 60,
        wrongVoidPasswordAttempts: 0,
      });
    await checkIn();

    // (a) acknowledgement → `applied` on the stream.
    let text = '';
    let onChange = () => {};
    const stop = await openStream(url, owner.cookie, (chunk) => {
      text += chunk;
      onChange();
    });
    const waitFor = (needle: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${needle} within 10 s`)), 10_000);
        const check = () => {
          if (text.includes(needle)) {
            clearTimeout(timer);
            resolve();
          }
        };
        onChange = check;
        check();
      });
    const stepUp = await owner.call('POST', '/api/v1/auth/step-up', { password: DEMO_PASSWORDS.owner });
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const reset = await owner.call(
        'POST',
        `/api/v1/terminals/${tid}/void-password/reset`,
        { generateTemporary: true },
        { 'X-Step-Up-Token': stepUp.body.stepUpToken as string },
      );
      if (reset.status !== 202) throw new Error(`reset ${reset.status} ${JSON.stringify(reset.body)}`);
      const id = (reset.body.command as { id: string }).id;
      const delivered = await checkIn();
      if (delivered.command?.id !== id) throw new Error('the command was not delivered');
      const started = performance.now();
      await terminal.ackCommand(credential, id, { result: 'applied' });
      await waitFor(`"commandId":"${id}","kind":"reset","status":"applied"`);
      latencies.push(performance.now() - started);
    }
    stop();

    // (b) many streams on one process.
    const rssBefore = rssOf(child.pid!);
    const received = new Array<boolean>(STREAMS).fill(false);
    const stops: (() => void)[] = [];
    let marker = '';
    let allReceived = () => {};
    for (let i = 0; i < STREAMS; i++) {
      stops.push(
        await openStream(url, owner.cookie, (chunk) => {
          if (marker && chunk.includes(marker) && !received[i]) {
            received[i] = true;
            if (received.every(Boolean)) allReceived();
          }
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssOpen = rssOf(child.pid!);
    const sale = await owner.call('POST', `/__mock/terminals/${tid}/sales`, {
      amount: 100,
      method: 'wechat_qr',
    });
    marker = sale.body.id as string;
    const fanOutStart = performance.now();
    await new Promise<void>((resolve, reject) => {
      allReceived = resolve;
      setTimeout(
        () => reject(new Error(`only ${received.filter(Boolean).length} streams got the sale`)),
        30_000,
      );
      if (received.every(Boolean)) resolve();
    });
    const fanOutMs = performance.now() - fanOutStart;
    const rssAfter = rssOf(child.pid!);
    for (const s of stops) s();

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      JSON.stringify(
        {
          machine: {
            cpus: cpus().length,
            model: cpus()[0]?.model,
            loadavg: loadavg().map((l) => l.toFixed(2)),
          },
          ackToApplied: {
            samples: SAMPLES,
            medianMs: Number(median(latencies).toFixed(1)),
            p95Ms: Number(p95(latencies).toFixed(1)),
            maxMs: Number(Math.max(...latencies).toFixed(1)),
          },
          streams: {
            open: STREAMS,
            rssBefore: mb(rssBefore),
            rssWithStreamsOpen: mb(rssOpen),
            rssAfterOneEventToAll: mb(rssAfter),
            oneEventToAllMs: Number(fanOutMs.toFixed(0)),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
