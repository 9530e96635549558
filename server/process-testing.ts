import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

// For tests: the server as production runs it, compiled (`npm run build:server`) and started under plain
// node as processes of their own (a kill -9, several processes on one database).

const root = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

export interface CompiledServer {
  /** Starts a sandbox server on a free port with `env` on top of this process's environment. */
  start(env: Record<string, string>): Promise<ServerProcess>;
  /** Kills every process it started and deletes the build. */
  cleanUp(): void;
}

/** Builds its own copy of the server, in the checkout so that its packages resolve from node_modules. */
export function compiledServer(label: string): CompiledServer {
  const compiled = path.join('dist-server', `${label}-${process.pid}`, 'main.mjs');
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--out', compiled], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`build-server failed: ${built.stderr}`);
  const children: ChildProcess[] = [];
  return {
    async start(env) {
      const child = spawn(process.execPath, [compiled, '--sandbox', '--port', '0'], {
        cwd: root,
        env: { ...process.env, SCRYPT_COST: '10', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const lines = createInterface({ input: child.stdout! });
      const said: string[] = [];
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${said.join('\n')}`)));
        lines.on('line', (line) => {
          said.push(line);
          const entry = JSON.parse(line) as { msg: string; url?: string };
          if (entry.msg === 'listening') resolve(entry.url!);
        });
      });
      return { child, url };
    },
    cleanUp() {
      for (const child of children) child.kill('SIGKILL');
      rmSync(path.join(root, path.dirname(compiled)), { recursive: true, force: true });
    },
  };
}

/** Sends `signal` and waits for the exit. */
export function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<unknown> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  return exited;
}
