import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { TerminalId } from '@contract/schemas/common';
import { Cashier, type CashierReply, type Lang } from './cashier';
import { CredentialsFileError, defaultStatePath } from './credentials-file';
import { assembleFleet, type Fleet, type FleetLogLine } from './fleet';
import { fleetOf, readRunFiles, serverOption, UsageError } from './run-files';

const USAGE = `One POS terminal at a cashier's hands: void a sale (its void password), change the void password,
check in, while the terminal keeps checking in with the acquirer in the background.

  npm run terminal -- --server URL --tid TID [--state FILE] [--codes FILE] [--lang en|zh]

  --server URL   the acquirer, e.g. http://127.0.0.1:8787 (required)
  --tid TID      the terminal, 8 digits (required)
  --state FILE   the emulator's keys and PINs, shared with npm run terminals
                 (default .terminals/<host>-<port>.json)
  --codes FILE   activation codes; needed if the terminal has no key yet
  --lang en|zh   the language of what it prints (default en)

Type help at the prompt for the commands. Do not run the same terminal in npm run terminals at the
same time: each would keep its own void password and counters.`;

interface Options {
  server: string;
  tid: string;
  state: string;
  codes: string | undefined;
  lang: Lang;
}

function parseOptions(args: string[]): Options | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      tid: { type: 'string' },
      state: { type: 'string' },
      codes: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const server = serverOption(values.server);
  if (!values.tid || !TerminalId.safeParse(values.tid).success) {
    throw new UsageError('--tid takes the terminal’s 8-digit TID.');
  }
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'zh') throw new UsageError('--lang takes en or zh.');
  return {
    server,
    tid: values.tid,
    state: path.resolve(values.state ?? defaultStatePath(server)),
    codes: values.codes,
    lang,
  };
}

/** A fleet of the one terminal, not started yet; its log goes to `log`. */
async function prepare(options: Options, log: (line: FleetLogLine) => void): Promise<Fleet> {
  const files = await readRunFiles('terminal', options);
  const saved = files.saved.filter((terminal) => terminal.tid === options.tid);
  const codes = files.codes.filter((code) => code.tid === options.tid);
  const [member] = await assembleFleet({ saved, codes });
  if (!member) {
    throw new UsageError(
      `Terminal ${options.tid} is not in ${options.state}` +
        (options.codes === undefined ? ': pass --codes FILE to activate it.' : ` nor in ${options.codes}.`),
    );
  }
  if (member.terminal.privateKeyPem === null && member.activationCode === null) {
    throw new UsageError(
      member.terminal.activatedAt === null
        ? `Terminal ${options.tid} is not activated yet: pass --codes FILE with its activation code.`
        : `Terminal ${options.tid}'s key was revoked: pass --codes FILE with a new activation code.`,
    );
  }
  return fleetOf(options, [member], log);
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`terminal: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  /** What is being read: a command, a PIN (typed unseen), or nothing while a command runs. */
  let phase: 'command' | 'secret' | 'busy' = 'busy';
  /** Notices that came while a PIN was being typed, shown once it is in. */
  const deferred: string[] = [];
  /** Made once the fleet is: its log may call on them from then on. */
  const late: { cashier?: Cashier; rl?: ReturnType<typeof createInterface> } = {};
  let muted = false;
  const say = (text: string): void => {
    if (text !== '') process.stdout.write(`${text}\n`);
  };

  let fleet: Fleet;
  try {
    fleet = await prepare(options, (line) => {
      const text = late.cashier?.notice(line);
      if (!text) return;
      if (phase === 'secret') deferred.push(text);
      else if (phase === 'command' && tty) {
        // Above the prompt, which is drawn again with what was typed so far.
        process.stdout.write(`\r\x1b[K${text}\n`);
        late.rl?.prompt(true);
      } else say(text);
    });
  } catch (error) {
    const known = error instanceof UsageError || error instanceof CredentialsFileError;
    console.error(`terminal: ${known ? (error as Error).message : String(error)}`);
    process.exit(known ? 2 : 1);
  }
  const cashier = new Cashier({ fleet, tid: options.tid, lang: options.lang });
  late.cashier = cashier;

  let stopping = false;
  const stop = (): void => {
    // A second signal: the person does not want to wait for the requests under way.
    if (stopping) process.exit(130);
    stopping = true;
    late.rl?.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  say(
    options.lang === 'zh'
      ? `终端 ${options.tid}。输入 help 查看命令。`
      : `Terminal ${options.tid}. Type help for the commands.`,
  );
  // Activates it if it has no key yet; its first check-in follows at once, the others on its interval.
  await fleet.start();
  if (stopping) {
    await fleet.stop();
    process.exit(0);
  }

  // On a terminal, readline's echo goes through `screen`, muted while a PIN is typed and while a command
  // runs: a line typed ahead (a PIN pasted with its command, say) is never shown.
  const screen = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  Object.defineProperty(screen, 'columns', { get: () => process.stdout.columns });
  const rl = createInterface({
    input: process.stdin,
    // Piped: no prompts, and nothing echoed anyway.
    output: tty ? screen : undefined,
    terminal: tty,
    historySize: tty ? 100 : 0,
  });
  // Node hands the history over for just this: a line typed unseen (a PIN) must not come back with the up
  // arrow. It comes before the line's own event.
  rl.on('history', (history: string[]) => {
    if (muted) history.shift();
  });
  // At once, before readline goes on to what was typed after this line in the same chunk.
  rl.on('line', () => {
    phase = 'busy';
    muted = tty;
  });
  rl.on('SIGINT', () => {
    process.stdout.write('\n');
    stop();
  });
  late.rl = rl;
  const lines = rl[Symbol.asyncIterator]();

  /** Whether the line coming is the answer to a PIN prompt. */
  let askedForPin = false;
  const ask = (reply: CashierReply): void => {
    askedForPin = reply.secret;
    rl.setPrompt(reply.prompt);
    if (reply.secret) {
      // Written past readline, which keeps anything typed ahead unseen.
      if (tty) process.stdout.write(reply.prompt);
      muted = true;
    } else {
      muted = false;
      rl.prompt(true);
    }
    phase = reply.secret ? 'secret' : 'command';
  };

  ask(cashier.start());
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    // The Enter that ended a PIN was not echoed, nor a PIN typed ahead of its prompt.
    if (tty && askedForPin) process.stdout.write('\n');
    const reply = await cashier.handle(next.value);
    say(reply.text);
    for (const text of deferred.splice(0)) say(text);
    if (reply.quit || stopping) break;
    ask(reply);
  }
  muted = false;
  phase = 'busy';
  rl.close();
  // Stops the check-ins, lets a request under way finish, and saves the state.
  await fleet.stop();
  process.exit(0);
}

await main();
