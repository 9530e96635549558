import type { Readable } from 'node:stream';

// Initial account passwords for db:provision: never from argv, never printed. On a terminal they are typed twice
// without echo; otherwise (automation, tests) stdin holds one per line, in the order of the users in the file.

export type PasswordSource = (
  users: readonly { username: string; line: number }[],
  check: (password: string, username: string) => string | null,
) => Promise<string[]>;

export class PasswordInputError extends Error {}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** One password per line of a pipe; every problem is reported (by the user's line in the file, never the value). */
export function passwordsFromLines(input: Readable): PasswordSource {
  return async (users, check) => {
    const text = (await readAll(input)).replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    if (lines.length < users.length) {
      throw new PasswordInputError(
        `stdin holds ${lines.length} password line(s) for ${users.length} user(s); nothing was imported`,
      );
    }
    const problems: string[] = [];
    users.forEach((u, i) => {
      const reason = check(lines[i]!, u.username);
      if (reason) problems.push(`line ${u.line}: the password for "${u.username}" ${reason}`);
    });
    if (problems.length > 0) throw new PasswordInputError(`${problems.join('\n')}\nnothing was imported`);
    return lines.slice(0, users.length);
  };
}

/** Reads a line from a TTY with echo off (raw mode); Ctrl-C aborts. */
function readHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return done();
        if (c === '\u0003' || c === '\u0004')
          return done(new PasswordInputError('cancelled; nothing was imported'));
        if (c === '\u007f' || c === '\b') value = value.slice(0, -1);
        else value += c;
      }
    };
    input.on('data', onData);
  });
}

export function passwordsFromTty(input: NodeJS.ReadStream, output: NodeJS.WriteStream): PasswordSource {
  return async (users, check) => {
    const passwords: string[] = [];
    for (const u of users) {
      for (;;) {
        const first = await readHidden(`Password for ${u.username} (line ${u.line}): `, input, output);
        const reason = check(first, u.username);
        if (reason) {
          output.write(`The password ${reason}; try again.\n`);
          continue;
        }
        const again = await readHidden(`Again, for ${u.username}: `, input, output);
        if (again !== first) {
          output.write('The two do not match; try again.\n');
          continue;
        }
        passwords.push(first);
        break;
      }
    }
    return passwords;
  };
}

export function passwordsFromStdin(): PasswordSource {
  return process.stdin.isTTY
    ? passwordsFromTty(process.stdin, process.stderr)
    : passwordsFromLines(process.stdin);
}
