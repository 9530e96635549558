import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MerchantId } from '@contract/schemas/common';
import { CHECK_IN_INTERVAL_MAX_SECONDS, CHECK_IN_INTERVAL_MIN_SECONDS } from '@contract/terminal-protocol';
import { CredentialsFileError, defaultStatePath } from './credentials-file';
import { assembleFleet, type Fleet, type FleetLogLine } from './fleet';
import { fleetOf, readRunFiles, serverOption, UsageError } from './run-files';

const DEFAULT_SALES_PER_HOUR = 6;
/** Where the docs have `db:seed` write the codes, so that `--server` alone runs a seeded demo's terminals. */
const DEFAULT_CODES_FILE = path.join('.terminals', 'codes.json');
const VOID_SHARE = 0.05;

const USAGE = `Emulates POS terminals that check in with an acquirer over the terminal protocol.

  npm run terminals -- --server URL [--codes FILE] [--state FILE] [--merchant MID] [--count N] [--interval SECONDS]
                       [--sales-per-hour N]

  --server URL        the acquirer, e.g. http://127.0.0.1:8787 (required)
  --codes FILE        activation codes from the seeding command; needed for terminals not yet activated
                      (default ${DEFAULT_CODES_FILE} when it exists: npm run db:seed -- --activation-codes ${DEFAULT_CODES_FILE})
  --state FILE        the emulator's keys and PINs (default .terminals/<host>-<port>.json)
  --merchant MID      only the terminals of this merchant
  --count N           at most N terminals
  --interval SECONDS  check-in interval (${CHECK_IN_INTERVAL_MIN_SECONDS}–${CHECK_IN_INTERVAL_MAX_SECONDS}; default 30)
  --sales-per-hour N  card and QR sales each terminal rings up per hour in the day, a tenth at night
                      (default ${DEFAULT_SALES_PER_HOUR}; 0 for none). One in twenty is voided soon after, while the
                      terminal is still on the factory void password (the only PIN the emulated cashier knows).
                      A batch its cutoff closed is settled at the next check-in.

One JSON line per event on stdout; SIGINT or SIGTERM stops after the requests under way and saves.`;

interface Options {
  server: string;
  codes: string | undefined;
  state: string;
  merchantId: string | undefined;
  count: number | undefined;
  interval: number | undefined;
  salesPerHour: number;
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}.`);
  }
  return value;
}

function parseOptions(args: string[]): Options | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      codes: { type: 'string' },
      state: { type: 'string' },
      merchant: { type: 'string' },
      count: { type: 'string' },
      interval: { type: 'string' },
      'sales-per-hour': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const server = serverOption(values.server);
  if (values.merchant !== undefined && !MerchantId.safeParse(values.merchant).success) {
    throw new UsageError('--merchant takes a 15-digit merchant ID.');
  }
  return {
    server,
    codes: values.codes ?? (existsSync(DEFAULT_CODES_FILE) ? DEFAULT_CODES_FILE : undefined),
    state: path.resolve(values.state ?? defaultStatePath(server)),
    merchantId: values.merchant,
    count: wholeNumber(values.count, 'count', 1, 1_000_000),
    salesPerHour: wholeNumber(values['sales-per-hour'], 'sales-per-hour', 0, 3600) ?? DEFAULT_SALES_PER_HOUR,
    interval: wholeNumber(
      values.interval,
      'interval',
      CHECK_IN_INTERVAL_MIN_SECONDS,
      CHECK_IN_INTERVAL_MAX_SECONDS,
    ),
  };
}

function printLine(line: FleetLogLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** The fleet of this run, not started yet. */
async function prepare(options: Options): Promise<Fleet> {
  const { saved, codes } = await readRunFiles('terminals', options);
  const members = await assembleFleet({
    saved,
    codes,
    merchantId: options.merchantId,
    count: options.count,
  });
  if (members.length === 0) {
    throw new UsageError(
      options.merchantId !== undefined
        ? `No terminal of merchant ${options.merchantId} in the codes or state file.`
        : options.codes === undefined
          ? `No terminals in ${options.state} yet, and no ${DEFAULT_CODES_FILE}: seed with --activation-codes ${DEFAULT_CODES_FILE}, or pass --codes FILE.`
          : 'The codes file lists no terminals.',
    );
  }
  if (options.interval !== undefined) {
    for (const member of members) member.terminal.setCheckInInterval(options.interval);
  }

  const trading =
    options.salesPerHour > 0 ? { salesPerHour: options.salesPerHour, voidShare: VOID_SHARE } : undefined;
  return fleetOf(options, members, printLine, trading);
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`terminals: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let fleet: Fleet;
  try {
    fleet = await prepare(options);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof CredentialsFileError;
    console.error(`terminals: ${known ? (error as Error).message : String(error)}`);
    process.exit(known ? 2 : 1);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second signal: the operator does not want to wait for the requests under way.
    if (stopping) process.exit(130);
    stopping = true;
    printLine({ at: new Date().toISOString(), event: 'stopping', signal });
    void fleet.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A stop during the activations lets those under way finish, and starts nothing more.
  await fleet.start();
}

await main();
