import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A codes file with an activation code the sandbox issues for `tid`, as `db:seed` would write one. */
async function codesFile(serverUrl: string, tid: string, dir: string): Promise<string> {
  const answer = await fetch(`${serverUrl}/__mock/terminals/${tid}/activation-code`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!answer.ok) throw new Error(`no activation code for ${tid}: ${answer.status}`);
  const { activationCode } = (await answer.json()) as { activationCode: string };
  const codes = path.join(dir, 'codes.json');
  writeFileSync(codes, JSON.stringify({ codes: [{ tid, activationCode }] }), { mode: 0o600 });
  return codes;
}

/**
 * The terminal emulator (terminal/) as its own process, for one terminal of a sandbox server: activated with
 * a code the sandbox issues, checking in every `intervalSeconds`. Its JSON lines are kept for assertions.
 */
export class EmulatedTerminal {
  readonly lines: Record<string, unknown>[] = [];
  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    });
  }

  static async start(
    serverUrl: string,
    tid: string,
    dir: string,
    intervalSeconds = 10,
  ): Promise<EmulatedTerminal> {
    const codes = await codesFile(serverUrl, tid, dir);
    const child = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', 'terminal/main.ts', '--server', serverUrl, '--codes', codes],
        ...['--state', path.join(dir, 'terminals.json'), '--interval', String(intervalSeconds)],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return new EmulatedTerminal(child);
  }

  /** Resolves at the first line with this event, or fails after `ms` naming what it said. */
  async said(event: string, ms = 20_000): Promise<Record<string, unknown>> {
    const end = Date.now() + ms;
    for (;;) {
      const line = this.lines.find((l) => l.event === event);
      if (line) return line;
      if (Date.now() > end || this.child.exitCode !== null) {
        throw new Error(`the emulator did not say ${event}; it said ${JSON.stringify(this.lines)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    return exited;
  }
}

/**
 * One terminal's cashier (`npm run terminal`) as its own process, its stdin a pipe: the test types lines
 * and waits for what the terminal prints, as a person at the POS would read it.
 */
export class CashierAtTerminal {
  #out = '';
  /** Where the next `expect` starts reading: what was printed before is already accounted for. */
  #mark = 0;
  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.#out += chunk.toString()));
  }

  static async start(serverUrl: string, tid: string, dir: string): Promise<CashierAtTerminal> {
    const codes = await codesFile(serverUrl, tid, dir);
    const child = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', 'terminal/interactive.ts', '--server', serverUrl, '--tid', tid],
        ...['--codes', codes, '--state', path.join(dir, 'cashier.json')],
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    return new CashierAtTerminal(child);
  }

  /** Everything printed so far. */
  get printed(): string {
    return this.#out;
  }

  type(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** The text printed since the last match that matches `pattern`; fails after `ms` quoting it. */
  async expect(pattern: RegExp, ms = 20_000): Promise<string> {
    const end = Date.now() + ms;
    for (;;) {
      const unread = this.#out.slice(this.#mark);
      const match = pattern.exec(unread);
      if (match) {
        this.#mark += match.index + match[0].length;
        return match[0];
      }
      if (Date.now() > end || this.child.exitCode !== null) {
        throw new Error(`the terminal did not print ${String(pattern)}; it printed:\n${unread}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    this.type('quit');
    this.child.stdin!.end();
    return exited;
  }
}
