// `npm run load` (DURATION, CONNECTIONS, SQLITE_SYNCHRONOUS): figures for docs/performance.md.
// `npm run load -- --scenario signin-pressure [--root <checkout>]`: the fleet list while sign-ins run, and
// other requests during a 200-terminal bulk reset (decision 014). `DATABASE_URL=… npm run load -- --scenario
// processes`: one and two server processes on PostgreSQL (decision 021). Loopback only, bounded in time.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);
const args = process.argv.slice(2);
const argOf = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const loadScenario = argOf('--scenario') ?? 'default';
// Another checkout's server (a before/after comparison); this script stays the same.
const root = path.resolve(argOf('--root') ?? path.resolve(import.meta.dirname, '..'));
const API = '/api/v1';
const PIN = '246813';
const NEXT_PIN = '581937';

async function startServer(scenario, env = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'acquirer-load-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--sandbox',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--scenario',
      scenario,
    ],
    {
      cwd: root,
      env: { ...process.env, DB_PATH: path.join(dir, 'load.db'), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line);
      if (entry.msg === 'listening') resolve(entry.url);
    });
  });
  child.stdout.resume();
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    url,
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(url, pathname, body, headers = {}) {
  const response = await fetch(`${url}${pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return response;
}

async function signIn(url, username = 'owner') {
  const response = await post(url, `${API}/auth/login`, { username, password: `${username}-demo-1` });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  const { csrfToken } = await response.json();
  return { cookie, csrfToken };
}

function run(title, options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections, duration, ...options }, (error, result) =>
      error ? reject(error) : resolve({ title, result }),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
  });
}

function row({ title, result }) {
  const errors = result.errors + result.timeouts + result.non2xx;
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}×${count}`)
    .join(' ');
  return `| ${title} | ${result.requests.average.toFixed(1)} | ${result.latency.p50} | ${result.latency.p99} | ${result.requests.total} (${statuses}) | ${errors} |`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One request at a time, `gapMs` apart, until `stop()`: what a person on the fleet page would wait. */
function probe(url, cookie, gapMs) {
  const latencies = [];
  let errors = 0;
  let running = true;
  // The longest time without an answer (a success or a failure): how long the server kept this client waiting.
  let stall = 0;
  let last = performance.now();
  const done = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${url}${API}/terminals?limit=50`, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`fleet list answered ${response.status}`);
        latencies.push(performance.now() - t0);
      } catch {
        // A kept-alive connection the server closed while it was busy: counted, not timed.
        errors++;
      }
      stall = Math.max(stall, performance.now() - last);
      last = performance.now();
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (p) => percentile(sorted, p).toFixed(1);
      const n = errors > 0 ? `${sorted.length} (+${errors} failed)` : String(sorted.length);
      return { n, p50: at(50), p95: at(95), p99: at(99), max: at(100), stall: stall.toFixed(0) };
    },
  };
}

async function signinPressure() {
  const lines = [];
  const demo = await startServer('demo');
  try {
    const owner = await signIn(demo.url);
    const quiet = probe(demo.url, owner.cookie, 20);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idle = await quiet.stop();
    const busy = probe(demo.url, owner.cookie, 20);
    // Correct sign-ins of one account (a wrong one would be throttled after 5).
    const { result } = await run('sign-in', {
      url: `${demo.url}${API}/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cashier', password: 'cashier-demo-1' }),
    });
    const loaded = await busy.stop();
    lines.push(
      `| fleet list alone (1 client, 20 ms apart, 3 s) | ${idle.n} | ${idle.p50} | ${idle.p95} | ${idle.p99} | ${idle.max} | ${idle.stall} | — |`,
      `| fleet list while ${connections} connections sign in (${duration} s) | ${loaded.n} | ${loaded.p50} | ${loaded.p95} | ${loaded.p99} | ${loaded.max} | ${loaded.stall} | ${(result.requests.total / duration).toFixed(1)} sign-ins/s (${Object.entries(
        result.statusCodeStats ?? {},
      )
        .map(([status, { count }]) => `${status}×${count}`)
        .join(' ')}) |`,
    );
  } finally {
    demo.stop();
  }
  const large = await startServer('large');
  try {
    const owner = await signIn(large.url);
    const stepUp = await post(
      large.url,
      `${API}/auth/step-up`,
      { password: 'owner-demo-1' },
      { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'idempotency-key': 'load-step-up' },
    );
    const { stepUpToken } = await stepUp.json();
    const page = await (
      await fetch(`${large.url}${API}/terminals?limit=200`, { headers: { cookie: owner.cookie } })
    ).json();
    const terminalIds = page.items.map((t) => t.tid);
    const during = probe(large.url, owner.cookie, 10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const t0 = performance.now();
    const bulk = await post(
      large.url,
      `${API}/void-password/bulk-resets`,
      { terminalIds, newPassword: PIN },
      {
        cookie: owner.cookie,
        'x-csrf-token': owner.csrfToken,
        'x-step-up-token': stepUpToken,
        'idempotency-key': 'load-bulk',
      },
    );
    const bulkMs = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const other = await during.stop();
    lines.push(
      `| fleet list (large, owner) during a bulk reset of ${terminalIds.length} terminals (answered ${bulk.status} in ${bulkMs.toFixed(0)} ms) | ${other.n} | ${other.p50} | ${other.p95} | ${other.p99} | ${other.max} | ${other.stall} | — |`,
    );
  } finally {
    large.stop();
  }
  const cpu = os.cpus();
  console.log(
    `\nMachine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; server: ${root}, SCRYPT_COST=${process.env.SCRYPT_COST ?? 14}\n`,
  );
  console.log('| what | fleet lists | p50 ms | p95 ms | p99 ms | max ms | longest stall ms | sign-ins |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const line of lines) console.log(line);
}

/**
 * Rounds of a change (202) and its cancel (200) on offline terminals, one round per terminal at a time
 * (two connections on one terminal would get a 409). `free` is shared by every instance given it.
 */
function changeAndCancel(free, owner) {
  const headers = {
    'content-type': 'application/json',
    cookie: owner.cookie,
    'x-csrf-token': owner.csrfToken,
  };
  return [
    {
      method: 'POST',
      setupRequest(request, context) {
        context.tid = free.pop();
        if (!context.tid) return null;
        return {
          ...request,
          path: `${API}/terminals/${context.tid}/void-password/change`,
          headers: { ...headers, 'idempotency-key': `load-${++keySeq}` },
          body: JSON.stringify({ currentPassword: PIN, newPassword: NEXT_PIN }),
        };
      },
      onResponse(status, body, context) {
        context.commandId = status === 202 ? JSON.parse(body).command.id : null;
        if (!context.commandId) free.push(context.tid);
      },
    },
    {
      method: 'POST',
      setupRequest(request, context) {
        if (!context.commandId) return null;
        return {
          ...request,
          path: `${API}/password-commands/${context.commandId}/cancel`,
          headers: { ...headers, 'idempotency-key': `load-${++keySeq}` },
        };
      },
      onResponse(_status, _body, context) {
        free.push(context.tid);
      },
    },
  ];
}
let keySeq = 0;

/** Offline terminals with a known PIN and no open command, for `changeAndCancel`. */
async function terminalsToChange(url, owner, count) {
  const page = await (
    await fetch(`${url}${API}/terminals?limit=200`, { headers: { cookie: owner.cookie } })
  ).json();
  const tids = page.items
    .filter((t) => t.openCommand === null)
    .map((t) => t.tid)
    .slice(0, count);
  for (const tid of tids) {
    await post(url, `/__mock/terminals/${tid}/connectivity`, { online: false });
    await post(url, `/__mock/terminals/${tid}/void-password`, { password: PIN });
  }
  return tids;
}

/** One instance per server, each with its share of the connections, at once; their results summed. */
async function runOnEach(title, servers, optionsOf) {
  const share = Math.max(1, Math.round(connections / servers.length));
  const results = await Promise.all(
    servers.map((server) =>
      run(title, { ...optionsOf(server.url), connections: share }).then((r) => r.result),
    ),
  );
  const sum = (f) => results.reduce((n, r) => n + f(r), 0);
  const statusCodeStats = {};
  for (const r of results) {
    for (const [status, { count }] of Object.entries(r.statusCodeStats ?? {})) {
      statusCodeStats[status] = { count: (statusCodeStats[status]?.count ?? 0) + count };
    }
  }
  return {
    title,
    result: {
      errors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
      non2xx: sum((r) => r.non2xx),
      statusCodeStats,
      requests: { average: sum((r) => r.requests.average), total: sum((r) => r.requests.total) },
      // The slower instance's: what a client of the busier process waits.
      latency: {
        p50: Math.max(...results.map((r) => r.latency.p50)),
        p99: Math.max(...results.map((r) => r.latency.p99)),
      },
    },
  };
}

/**
 * `DATABASE_URL=postgres://…/postgres npm run load -- --scenario processes`: the demo on a fresh database of
 * that PostgreSQL, served by 1 and then 2 server processes (decision 021); each load splits its
 * connections between the processes.
 */
async function processesScenario() {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    throw new Error('--scenario processes needs DATABASE_URL: a PostgreSQL where it may create databases');
  }
  const { default: pg } = await import('pg');
  const sql = async (text) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const rows = [];
  for (const count of [1, 2]) {
    const name = `load_${count}_${Date.now()}`;
    await sql(`create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), SERVER_SECRET: 'load-secret-0123456789abcdef0123456789' };
    const servers = [];
    try {
      // The first seeds the demo; the others load it.
      for (let i = 0; i < count; i++) servers.push(await startServer('demo', env));
      const owner = await signIn(servers[0].url);
      const label = `${count} process${count > 1 ? 'es' : ''}`;
      rows.push(
        await runOnEach(`fleet list (\`GET /terminals?limit=50\`, demo), ${label}`, servers, (u) => ({
          url: `${u}${API}/terminals?limit=50`,
          headers: { cookie: owner.cookie },
        })),
      );
      const tids = await terminalsToChange(servers[0].url, owner, connections);
      rows.push(
        await runOnEach(`change + cancel (${tids.length} terminals), ${label}`, servers, (u) => ({
          url: u,
          requests: changeAndCancel(tids, owner),
        })),
      );
    } finally {
      for (const server of servers) server.stop();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await sql(`drop database if exists ${name} with (force)`);
    }
  }
  const cpu = os.cpus();
  console.log(
    `\nMachine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version}; PostgreSQL at ${new URL(admin).host}; ${connections} connections, ${duration} s per row\n`,
  );
  console.log('| what | req/s | p50 ms | p99 ms | requests | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(row(r));
}

async function main() {
  if (loadScenario === 'processes') return processesScenario();
  if (loadScenario === 'signin-pressure') return signinPressure();
  if (loadScenario !== 'default') throw new Error(`unknown --scenario ${loadScenario}`);
  const rows = [];
  const demo = await startServer('demo');
  try {
    rows.push(
      await run('sign-in (`POST /auth/login`, scrypt)', {
        url: `${demo.url}${API}/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'owner', password: 'owner-demo-1' }),
      }),
    );
    const owner = await signIn(demo.url);
    rows.push(
      await run('fleet list (`GET /terminals?limit=50`, demo: 20 terminals)', {
        url: `${demo.url}${API}/terminals?limit=50`,
        headers: { cookie: owner.cookie },
      }),
    );
    // Offline, so a command stays queued: each round is a change (202) and its cancel (200).
    const tids = await terminalsToChange(demo.url, owner, connections);
    rows.push(
      await run(
        `change + cancel (\`POST …/void-password/change\`, then \`…/cancel\`; ${tids.length} terminals)`,
        { url: demo.url, requests: changeAndCancel(tids, owner) },
      ),
    );
  } finally {
    demo.stop();
  }
  const large = await startServer('large');
  try {
    const support = await (async () => {
      const response = await post(large.url, `${API}/auth/login`, {
        username: 'support',
        password: 'support-demo-1',
      });
      return response.headers.getSetCookie()[0].split(';')[0];
    })();
    rows.push(
      await run('fleet list (`GET /terminals?limit=50`, large: 10,000+ terminals, support)', {
        url: `${large.url}${API}/terminals?limit=50`,
        headers: { cookie: support },
      }),
    );
  } finally {
    large.stop();
  }
  const cpu = os.cpus();
  console.log(
    `\nMachine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `Run: ${connections} connections × ${duration} s each, loopback, SQLITE_SYNCHRONOUS=${process.env.SQLITE_SYNCHRONOUS ?? 'FULL'}, SCRYPT_COST=${process.env.SCRYPT_COST ?? 14}\n`,
  );
  console.log(
    '| what | req/s (mean) | p50 ms | p99 ms | requests (by status) | errors (non-2xx, timeouts) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(row(r));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
