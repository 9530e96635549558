import {
  type ActivationCode,
  readCodesFile,
  readStateFile,
  sameServer,
  updateStateFile,
} from './credentials-file';
import { Fleet, type FleetLogLine, type FleetMember, type Trading } from './fleet';
import { ProtocolClient } from './protocol-client';
import type { SavedTerminal } from './terminal-state';

/** A command line that cannot run: said with the usage, exit 2. */
export class UsageError extends Error {}

/** `--server`: an http(s) URL of the acquirer. */
export function serverOption(value: string | undefined): string {
  if (!value) throw new UsageError('--server URL is required.');
  let server: URL;
  try {
    server = new URL(value);
  } catch {
    throw new UsageError(`--server ${value} is not a URL.`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') {
    throw new UsageError('--server takes an http: or https: URL.');
  }
  return value;
}

export interface RunFiles {
  server: string;
  /** The emulator's keys and PINs. */
  state: string;
  /** Activation codes, if given. */
  codes: string | undefined;
}

/** The terminals saved for this acquirer and the codes given; `program` names who warns. */
export async function readRunFiles(
  program: string,
  files: RunFiles,
): Promise<{ saved: SavedTerminal[]; codes: ActivationCode[] }> {
  const stateFile = await readStateFile(files.state);
  if (stateFile && !sameServer(stateFile.server, files.server)) {
    // Its keys were registered with another acquirer; using them here would only be refused.
    throw new UsageError(
      `The state file ${files.state} belongs to ${stateFile.server}, not ${files.server}.`,
    );
  }
  const codesFile = files.codes === undefined ? null : await readCodesFile(files.codes);
  if (codesFile?.server && !sameServer(codesFile.server, files.server)) {
    console.warn(`${program}: the codes file was written for ${codesFile.server}, not ${files.server}.`);
  }
  return { saved: stateFile?.terminals ?? [], codes: codesFile?.codes ?? [] };
}

/**
 * The fleet of a run, not started yet. The terminals left out of it (--merchant, --count, or one run with
 * `npm run terminal`) stay in the state file as they are there.
 */
export function fleetOf(
  files: RunFiles,
  members: FleetMember[],
  log: (line: FleetLogLine) => void,
  trading?: Trading,
): Fleet {
  return new Fleet({
    trading,
    client: new ProtocolClient({ serverUrl: files.server }),
    members,
    log,
    save: (terminals) =>
      updateStateFile(
        files.state,
        files.server,
        terminals.filter((terminal) => terminal.activatedAt !== null).map((terminal) => terminal.snapshot()),
      ),
  });
}
