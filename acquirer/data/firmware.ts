import type { TerminalRecord } from '../types';
import { TERMINAL_MODELS } from './names';

/**
 * The current firmware release of each model the acquirer supports: the newest of its releases (listed
 * oldest first). A model it does not know (a provisioned fleet's) has none, and is never called outdated.
 */
export const CURRENT_FIRMWARE: ReadonlyMap<string, string> = new Map(
  TERMINAL_MODELS.map((kind) => [kind.model, kind.firmware.at(-1)!]),
);

/** The release a terminal should update to, or null when it runs the current one (or its model is unknown). */
export function firmwareUpdateOf(terminal: Pick<TerminalRecord, 'model' | 'firmware'>): string | null {
  const current = CURRENT_FIRMWARE.get(terminal.model);
  return current !== undefined && terminal.firmware !== current ? current : null;
}
