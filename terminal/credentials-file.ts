import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MerchantId, TerminalId } from '@contract/schemas/common';
import { ACTIVATION_CODE_PATTERN, PinVerifier } from '@contract/terminal-protocol';
import type { SavedTerminal, VoidPassword } from './terminal-state';

const STATE_FILE_VERSION = 1;

/** The emulator's own file: its terminals' private keys and PINs, for one acquirer. */
export interface StateFile {
  server: string;
  terminals: SavedTerminal[];
}

/** What the seeding command hands the emulator: one activation code per terminal. */
export interface ActivationCode {
  tid: string;
  activationCode: string;
  merchantId: string | null;
  /** The release the terminal runs, as the acquirer knows it: reported at its first check-in. */
  firmware?: string | null;
}

/** A file that is not what it should be; the message names the file and the field, never a secret. */
export class CredentialsFileError extends Error {
  override name = 'CredentialsFileError';
}

/** `.terminals/<host>-<port>.json` under the working directory, so each acquirer has its own terminals. */
export function defaultStatePath(serverUrl: string, cwd: string = process.cwd()): string {
  const url = new URL(serverUrl);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = url.hostname.replace(/[^A-Za-z0-9.-]/g, '_');
  return path.join(cwd, '.terminals', `${host}-${port}.json`);
}

/** Origins compare equal whatever the trailing slash or letter case. */
export function sameServer(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    const right = new URL(b);
    return (
      left.origin === right.origin && left.pathname.replace(/\/+$/, '') === right.pathname.replace(/\/+$/, '')
    );
  } catch {
    return false;
  }
}

async function readJson(file: string, what: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CredentialsFileError(`Cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CredentialsFileError(`The ${what} ${file} is not JSON.`);
  }
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function savedVoidPassword(value: unknown): VoidPassword | null {
  if (!isObject(value)) return null;
  const verifier = PinVerifier.safeParse(value.verifier);
  if (
    !verifier.success ||
    typeof value.temporary !== 'boolean' ||
    typeof value.factoryDefault !== 'boolean'
  ) {
    return null;
  }
  return { verifier: verifier.data, temporary: value.temporary, factoryDefault: value.factoryDefault };
}

function savedTerminal(value: unknown): SavedTerminal | null {
  if (!isObject(value) || !isString(value.tid) || !TerminalId.safeParse(value.tid).success) return null;
  const voidPassword = savedVoidPassword(value);
  const unconfirmed = value.unconfirmedCommand;
  let unconfirmedCommand: SavedTerminal['unconfirmedCommand'] = null;
  if (unconfirmed !== null) {
    const previous = isObject(unconfirmed) ? savedVoidPassword(unconfirmed.previous) : null;
    if (!previous || !isObject(unconfirmed) || !isString(unconfirmed.id)) return null;
    unconfirmedCommand = { id: unconfirmed.id, previous };
  }
  const fieldsHold =
    voidPassword !== null &&
    isNullableString(value.merchantId) &&
    isNullableString(value.privateKeyPem) &&
    isNullableString(value.keyId) &&
    isNullableString(value.activatedAt) &&
    isString(value.firmware) &&
    isNullableString(value.appVersion) &&
    isCount(value.checkInIntervalSeconds) &&
    isCount(value.wrongPinsSinceCheckIn) &&
    isCount(value.consecutiveWrongPins) &&
    (value.lockedUntil === null || isCount(value.lockedUntil));
  if (!fieldsHold) return null;
  return {
    tid: value.tid,
    merchantId: value.merchantId as string | null,
    privateKeyPem: value.privateKeyPem as string | null,
    keyId: value.keyId as string | null,
    activatedAt: value.activatedAt as string | null,
    firmware: value.firmware as string,
    appVersion: value.appVersion as string | null,
    checkInIntervalSeconds: value.checkInIntervalSeconds as number,
    ...voidPassword,
    wrongPinsSinceCheckIn: value.wrongPinsSinceCheckIn as number,
    consecutiveWrongPins: value.consecutiveWrongPins as number,
    lockedUntil: value.lockedUntil as number | null,
    unconfirmedCommand,
  };
}

/** The saved terminals, or none when the file does not exist yet. */
export async function readStateFile(file: string): Promise<StateFile | null> {
  const json = await readJson(file, 'state file');
  if (json === undefined) return null;
  if (!isObject(json) || json.version !== STATE_FILE_VERSION || !isString(json.server)) {
    throw new CredentialsFileError(
      `The state file ${file} is not one this emulator wrote (version ${STATE_FILE_VERSION}).`,
    );
  }
  if (!Array.isArray(json.terminals)) {
    throw new CredentialsFileError(`The state file ${file} has no "terminals" list.`);
  }
  const terminals = json.terminals.map(savedTerminal);
  const bad = terminals.findIndex((terminal) => terminal === null);
  if (bad >= 0) {
    throw new CredentialsFileError(`The state file ${file} has a malformed terminal (terminals[${bad}]).`);
  }
  return { server: json.server, terminals: terminals as SavedTerminal[] };
}

/**
 * Written whole to a new file and renamed over the old one, so a crash mid-write leaves the previous state.
 * It holds private keys: 0600, and a folder it makes itself is 0700 and tells git to leave it alone.
 */
export async function writeStateFile(file: string, state: StateFile): Promise<void> {
  const directory = path.dirname(file);
  const created = await mkdir(directory, { recursive: true, mode: 0o700 });
  if (created !== undefined) await writeFile(path.join(directory, '.gitignore'), '*\n', { flag: 'wx' });
  const text = `${JSON.stringify({ version: STATE_FILE_VERSION, ...state }, null, 2)}\n`;
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `{"server": "...", "codes": [{"tid", "activationCode", "merchantId"?}]}` */
export async function readCodesFile(
  file: string,
): Promise<{ server: string | null; codes: ActivationCode[] }> {
  const json = await readJson(file, 'codes file');
  if (json === undefined) throw new CredentialsFileError(`There is no codes file ${file}.`);
  if (!isObject(json) || !Array.isArray(json.codes)) {
    throw new CredentialsFileError(`The codes file ${file} has no "codes" list.`);
  }
  const codes = json.codes.map((entry: unknown, index): ActivationCode => {
    const where = `${file}: codes[${index}]`;
    if (!isObject(entry) || !isString(entry.tid) || !TerminalId.safeParse(entry.tid).success) {
      throw new CredentialsFileError(`${where} has no 8-digit "tid".`);
    }
    if (!isString(entry.activationCode) || !ACTIVATION_CODE_PATTERN.test(entry.activationCode)) {
      throw new CredentialsFileError(`${where} (${entry.tid}) has no well-formed "activationCode".`);
    }
    if (entry.merchantId !== undefined && !MerchantId.safeParse(entry.merchantId).success) {
      throw new CredentialsFileError(`${where} (${entry.tid}) has a "merchantId" that is not 15 digits.`);
    }
    return {
      tid: entry.tid,
      activationCode: entry.activationCode,
      merchantId: isString(entry.merchantId) ? entry.merchantId : null,
      firmware: isString(entry.firmware) && entry.firmware.length <= 40 ? entry.firmware : null,
    };
  });
  return { server: isString(json.server) ? json.server : null, codes };
}

/**
 * Saves `terminals` into the state file as it is now on disk: those of another run (the rest of the fleet
 * while one terminal runs interactively, or the other way round) stay as that run last saved them, rather
 * than as this one read them at its start; a terminal re-activated meanwhile keeps its new key.
 */
export async function updateStateFile(
  file: string,
  server: string,
  terminals: SavedTerminal[],
): Promise<void> {
  const mine = new Set(terminals.map((terminal) => terminal.tid));
  const current = await readStateFile(file);
  const others = (current?.terminals ?? []).filter((terminal) => !mine.has(terminal.tid));
  await writeStateFile(file, { server, terminals: [...others, ...terminals] });
}
