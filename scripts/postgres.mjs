// A throwaway PostgreSQL for the tests and benchmarks: its own folder, a free port on 127.0.0.1, stopped
// and deleted at the end. Debian's server binaries (`postgresql` package) are installed with apt-get when
// missing and this runs as root; PostgreSQL refuses to run as root, so then it runs as the `postgres` user.
//
//   node scripts/postgres.mjs start      prints {"url": "postgres://…", "dir": "…"} and leaves it running
//   node scripts/postgres.mjs stop DIR   stops the one in DIR and deletes DIR
//
// Or from code: `const pg = await startPostgres(); … await pg.stop();`
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const isRoot = process.getuid?.() === 0;

function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => Number(v) >= 15 && existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return path.join(root, versions[0], 'bin');
  const found = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  return found ? path.dirname(found) : null;
}

function ensureInstalled() {
  const dir = binDir();
  if (dir) return dir;
  if (!isRoot) throw new Error('PostgreSQL 15+ is not installed (apt-get install postgresql, as root)');
  process.stderr.write('postgres: installing Debian’s postgresql package…\n');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = binDir();
  if (!installed) throw new Error('apt-get installed postgresql, but no initdb was found');
  return installed;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a server binary as the user PostgreSQL accepts. */
function run(bin, args) {
  const command = [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const result = isRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { encoding: 'utf8' })
    : spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

export async function startPostgres() {
  const bin = ensureInstalled();
  const dir = mkdtempSync(path.join(tmpdir(), 'acquirer-pg-'));
  if (isRoot) {
    execFileSync('chown', ['postgres:postgres', dir]);
    chmodSync(dir, 0o700);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  // Throwaway: no fsync (a killed server process still loses nothing the OS holds).
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'app',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  run(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  const url = `postgres://app@127.0.0.1:${port}/postgres`;
  return { url, dir, stop: () => stopPostgres(dir) };
}

export function stopPostgres(dir) {
  const bin = binDir();
  if (bin && existsSync(path.join(dir, 'data', 'postmaster.pid'))) {
    run(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start') {
    const { url, dir: folder } = await startPostgres();
    process.stdout.write(`${JSON.stringify({ url, dir: folder })}\n`);
  } else if (command === 'stop' && dir) {
    stopPostgres(dir);
  } else {
    process.stderr.write('usage: node scripts/postgres.mjs start | stop DIR\n');
    process.exit(2);
  }
}
