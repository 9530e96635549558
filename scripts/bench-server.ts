// `npm run bench:server -- --db FILE [--scenario xlarge|large|…] [--samples 200] [--budget 30] [--tsx]`, or
// `DATABASE_URL=… SERVER_SECRET=… npm run bench:server -- --postgres [--processes 2]`: the real server
// (compiled by `npm run build:server`, child processes; `--tsx`: server/main.ts under tsx) on a seeded
// database (with several processes, each request goes to the next in turn), timed request by request from here: the fleet list, the transactions, search, and a
// 50,000-row CSV export with the server's memory sampled meanwhile. Figures for docs/performance.md, not
// assertions. A missing FILE is seeded first with `--scenario` (default xlarge).
// Loopback only; one request at a time; each measurement stops at `--samples` or after `--budget` seconds.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEMO_PASSWORDS, type DemoUsername } from '@acquirer/data/demo-fixtures';
import { API_BASE_PATH } from '@contract/endpoint-table';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    scenario: { type: 'string' },
    samples: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '5' },
    budget: { type: 'string', default: '30' },
    'export-runs': { type: 'string', default: '2' },
    // The server under tsx, as `npm run server` runs it in development, instead of compiled.
    tsx: { type: 'boolean', default: false },
    // On the PostgreSQL of DATABASE_URL (seeded: `npm run db:seed` with DATABASE_URL), N processes.
    postgres: { type: 'boolean', default: false },
    processes: { type: 'string', default: '1' },
  },
});
const POSTGRES = args.postgres ? process.env.DATABASE_URL : undefined;
if (!(args.db || POSTGRES) || (args.postgres && !process.env.DATABASE_URL)) {
  console.error(
    'usage: npm run bench:server -- --db FILE [--scenario xlarge] [--samples 200] [--budget 30]\n' +
      '       DATABASE_URL=… SERVER_SECRET=… npm run bench:server -- --postgres [--processes 2]',
  );
  process.exit(2);
}
const DB = POSTGRES ? '' : path.resolve(args.db!);
const PROCESSES = Math.max(1, Number(args.processes));
const SAMPLES = Number(args.samples);
const WARMUP = Number(args.warmup);
const BUDGET_MS = Number(args.budget) * 1000;
const EXPORT_RUNS = Number(args['export-runs']);
const root = path.resolve(import.meta.dirname, '..');
const MB = 2 ** 20;

function run(command: string, argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** VmRSS and VmHWM of a process, bytes (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

interface Server {
  url: string;
  pid: number;
  startMs: number;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const t0 = performance.now();
  const entry = args.tsx ? ['--import', 'tsx', 'server/main.ts'] : ['dist-server/main.mjs'];
  const child: ChildProcess = spawn(
    process.execPath,
    [...entry, '--host', '127.0.0.1', '--port', '0', ...(POSTGRES ? [] : ['--db', DB])],
    { cwd: root, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${signal ?? `code ${code}`}) before it listened`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) resolve(entry.url);
      } catch {
        // Not a log line.
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    pid: child.pid!,
    startMs: performance.now() - t0,
    stop: () =>
      new Promise((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Session {
  cookie: string;
}

async function signIn(url: string, username: DemoUsername): Promise<Session> {
  const response = await fetch(`${url}${API_BASE_PATH}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORDS[username] }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}`);
  await response.arrayBuffer();
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]! };
}

async function get(url: string, session: Session, pathname: string): Promise<Response> {
  return fetch(`${url}${API_BASE_PATH}${pathname}`, { headers: { cookie: session.cookie } });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  what: string;
  n: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  target: string;
}

/** One request at a time: `paths(i)` for sample i, after `WARMUP` unrecorded ones. */
async function measure(
  what: string,
  target: string,
  origin: () => string,
  session: Session,
  paths: (i: number) => string,
): Promise<Row> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    if (i >= WARMUP && performance.now() - started > BUDGET_MS) break;
    const t0 = performance.now();
    const response = await get(origin(), session, paths(i));
    await response.arrayBuffer();
    const ms = performance.now() - t0;
    if (response.status !== 200) statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    else if (i >= WARMUP) latencies.push(ms);
    // A server that answers in seconds gets one warm-up request, not five.
    if (i === 0 && ms > 2000) i = Math.max(i, WARMUP - 1);
  }
  latencies.sort((a, b) => a - b);
  const failed = [...statuses].map(([status, n]) => `${status}×${n}`).join(' ');
  const row: Row = {
    what,
    n: `${latencies.length}${failed ? ` (+ ${failed})` : ''}`,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    target,
  };
  console.error(`  ${what}: n ${row.n}, p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
  return row;
}

interface ExportRun {
  rows: number;
  ms: number;
  status: number;
  before: number;
  max: number;
  truncated: boolean;
}

/** One export, the server's RSS read every 50 ms meanwhile. */
async function exportRun(url: string, session: Session, pid: number, pathname: string): Promise<ExportRun> {
  const before = memoryOf(pid).rss;
  let max = before;
  const timer = setInterval(() => {
    max = Math.max(max, memoryOf(pid).rss);
  }, 50);
  const t0 = performance.now();
  try {
    const response = await get(url, session, pathname);
    const body = await response.text();
    const ms = performance.now() - t0;
    max = Math.max(max, memoryOf(pid).rss);
    const lines = body.split('\n').filter((line) => line.length > 0).length;
    return {
      rows: Math.max(0, lines - 1),
      ms,
      status: response.status,
      before,
      max,
      truncated: response.headers.get('x-export-truncated') === 'true',
    };
  } finally {
    clearInterval(timer);
  }
}

interface Samples {
  label: string;
  transactions: number;
  terminals: number;
  generatedAt: number;
  merchants: string[];
  traces: string[];
  rrns: string[];
  last4s: string[];
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Search texts and filters taken from the data (read-only, before the server opens it). */
async function samplesOf(query: Query): Promise<Samples> {
  const meta = new Map(
    (await query('SELECT key, value FROM meta')).map((r) => [r.key as string, r.value as string]),
  );
  const count = async (table: string) => Number((await query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const transactions = await count('transactions');
  // Rows spread over the table by seq (its unique index), the same ones on every run.
  const picks = Array.from({ length: 50 }, (_, i) =>
    Math.floor(((i * 7919 + 13) % 50) * (transactions / 50)),
  );
  const rows = (await query(
    `SELECT merchant_id, trace_no, rrn, card_last4 FROM transactions WHERE seq IN (${picks.join(', ')})`,
  )) as { merchant_id: string; trace_no: string; rrn: string; card_last4: string | null }[];
  return {
    label: meta.get('size') ?? meta.get('scenario') ?? '?',
    transactions,
    terminals: await count('terminals'),
    generatedAt: Number(meta.get('generated_at')),
    merchants: [...new Set(rows.map((r) => r.merchant_id))].slice(0, 10),
    traces: rows.map((r) => r.trace_no),
    rrns: rows.map((r) => r.rrn),
    last4s: rows.flatMap((r) => (r.card_last4 ? [r.card_last4] : [])),
  };
}

/** The samples and the size of the database, SQLite's file or PostgreSQL's. */
async function dataOf(): Promise<{ data: Samples; sizeMb: number; name: string }> {
  if (POSTGRES) {
    const client = new pg.Client({ connectionString: POSTGRES });
    await client.connect();
    try {
      const query: Query = async (text) => (await client.query(text)).rows as Record<string, unknown>[];
      const size = await query('SELECT pg_database_size(current_database()) AS n');
      return {
        data: await samplesOf(query),
        sizeMb: Number(size[0]!.n) / MB,
        name: `PostgreSQL ${new URL(POSTGRES).pathname.slice(1)}, ${PROCESSES} server process${PROCESSES > 1 ? 'es' : ''}`,
      };
    } finally {
      await client.end();
    }
  }
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  try {
    const query: Query = async (text) => db.prepare(text).all() as Record<string, unknown>[];
    return { data: await samplesOf(query), sizeMb: statSync(DB).size / MB, name: path.basename(DB) };
  } finally {
    db.close();
  }
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

async function main() {
  // The server as production runs it (`npm run serve`): compiled, under plain node.
  if (!args.tsx && (await run(process.execPath, ['scripts/build-server.mjs'])) !== 0) {
    throw new Error('npm run build:server failed');
  }
  if (!POSTGRES && !existsSync(DB)) {
    const scenario = args.scenario ?? 'xlarge';
    console.error(`${DB} does not exist: seeding ${scenario}`);
    const code = await run(process.execPath, [
      '--import',
      'tsx',
      'server/db/cli.ts',
      'seed',
      '--db',
      DB,
      '--scenario',
      scenario,
    ]);
    if (code !== 0) throw new Error(`seeding ${scenario} failed (${code})`);
  }
  const { data, sizeMb, name } = await dataOf();
  if (args.scenario && args.scenario !== data.label) {
    console.error(`note: ${name} holds ${data.label}, not ${args.scenario}`);
  }
  console.error(
    `${name}: ${data.label}, ${data.terminals} terminals, ${data.transactions} transactions, ${sizeMb.toFixed(0)} MB`,
  );

  console.error('starting the server…');
  const servers: Server[] = [];
  try {
    for (let i = 0; i < PROCESSES; i++) servers.push(await startServer());
  } catch (error) {
    console.log(`\nThe server did not start on ${name}: ${(error as Error).message}`);
    for (const s of servers) await s.stop();
    process.exitCode = 1;
    return;
  }
  const server = servers[0]!;
  let turn = 0;
  const next = () => servers[turn++ % servers.length]!.url;
  const lines: string[] = [];
  try {
    const started = memoryOf(server.pid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rest = memoryOf(server.pid);
    console.error(
      `listening after ${(server.startMs / 1000).toFixed(1)} s; RSS at rest ${mb(rest.rss)}, peak ${mb(rest.peak)}`,
    );
    const support = await signIn(server.url, 'support');
    const owner = await signIn(server.url, 'owner');
    const u = server.url;
    const o = next;
    const iso = (ms: number) => new Date(ms).toISOString();
    const from = iso(data.generatedAt - 7 * 86_400_000);
    const to = iso(data.generatedAt - 86_400_000);
    const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

    const fleetFirst = '/terminals?limit=50&status=online&sort=-lastSeenAt';
    const first = (await (await get(u, support, fleetFirst)).json()) as { nextCursor: string | null };
    const ownerFleet = '/terminals?limit=50&passwordState=custom&sort=storeName';
    const ownerFirst = (await (await get(u, owner, ownerFleet)).json()) as { nextCursor: string | null };
    const cursor = (base: string, next: string | null) =>
      next ? `${base}&cursor=${encodeURIComponent(next)}` : base;

    const rows: Row[] = [];
    rows.push(
      await measure(
        'fleet, first page: `status=online&sort=-lastSeenAt`, support (all merchants)',
        'p95 ≤ 30',
        o,
        support,
        () => fleetFirst,
      ),
      await measure('fleet, the next page by its cursor, support', 'p95 ≤ 30', o, support, () =>
        cursor(fleetFirst, first.nextCursor),
      ),
      await measure(
        'fleet, first page: `passwordState=custom&sort=storeName`, owner (one merchant)',
        'p95 ≤ 30',
        o,
        owner,
        () => ownerFleet,
      ),
      await measure('fleet, the next page by its cursor, owner', 'p95 ≤ 30', o, owner, () =>
        cursor(ownerFleet, ownerFirst.nextCursor),
      ),
      await measure(
        `transactions: \`merchantId\` (${data.merchants.length} merchants in turn) \`&type=sale&from&to\` (6 days), support`,
        'p95 ≤ 50',
        o,
        support,
        (i) =>
          `/transactions?limit=50&merchantId=${pick(data.merchants, i)}&type=sale&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
      await measure(
        'transactions: `type=void&from&to` (6 days), owner',
        'p95 ≤ 50',
        o,
        owner,
        () =>
          `/transactions?limit=50&type=void&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
      await measure(
        'search `q=` a trace number, support',
        'p95 ≤ 50',
        o,
        support,
        (i) => `/transactions?limit=50&q=${pick(data.traces, i)}`,
      ),
      await measure(
        'search `q=` an RRN, support',
        'p95 ≤ 50',
        o,
        support,
        (i) => `/transactions?limit=50&q=${pick(data.rrns, i)}`,
      ),
      await measure(
        'search `q=` a card’s last 4, support',
        'p95 ≤ 50',
        o,
        support,
        (i) => `/transactions?limit=50&q=${pick(data.last4s, i)}`,
      ),
    );

    const exports: ExportRun[] = [];
    for (let i = 0; i < EXPORT_RUNS; i++) {
      const e = await exportRun(u, owner, server.pid, '/transactions/export?lang=en');
      console.error(
        `  export ${i + 1}: ${e.status}, ${e.rows} rows in ${(e.ms / 1000).toFixed(1)} s, RSS ${mb(e.before)} → max ${mb(e.max)}`,
      );
      exports.push(e);
    }
    const after = memoryOf(server.pid);

    const cpu = cpus();
    lines.push(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end`,
      `Database: ${name}, ${data.label}: ${data.terminals.toLocaleString('en')} terminals, ${data.transactions.toLocaleString('en')} transactions, ${sizeMb.toFixed(0)} MB`,
      `Run: ${WARMUP} warm-up requests then up to ${SAMPLES} samples per row, one at a time, each row stopped after ${BUDGET_MS / 1000} s; loopback; SCRYPT_COST=${process.env.SCRYPT_COST ?? 14}`,
      '',
      '| what | samples | p50 ms | p95 ms | p99 ms | max ms | target |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| server start (spawn → \`listening\`: migrate, load the tables) | 1 | ${fmt(server.startMs)} | | | | |`,
      ...rows.map(
        (r) =>
          `| ${r.what} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.target} |`,
      ),
      '',
      '| server memory | RSS | target |',
      '| --- | --- | --- |',
      `| just after \`listening\` | ${mb(started.rss)} | |`,
      `| at rest (2 s after \`listening\`); peak while starting (VmHWM) | ${mb(rest.rss)}; peak ${mb(rest.peak)} | < 200 MB |`,
      ...exports.map(
        (e, i) =>
          `| CSV export ${i + 1} (\`GET /transactions/export\`, owner: ${e.rows.toLocaleString('en')} rows${e.truncated ? ', truncated at the limit' : ''}, answered ${e.status} in ${(e.ms / 1000).toFixed(1)} s) | ${mb(e.before)} → max ${mb(e.max)}: **+${mb(e.max - e.before)}** | growth < 50 MB |`,
      ),
      `| after the bench; peak (VmHWM) | ${mb(after.rss)}; peak ${mb(after.peak)} | |`,
    );
  } finally {
    for (const s of servers) await s.stop();
  }
  console.log(`\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
