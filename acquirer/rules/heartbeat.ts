import { HEARTBEAT_MS } from '../data/generate';
import type { TerminalRecord } from '../types';
import { isActivated } from './terminal-link';

export function nextHeartbeat(terminal: TerminalRecord, after: number): number {
  const from = Math.max(after, terminal.lastSeenAt);
  const phase = terminal.heartbeatPhase;
  const gap = (((phase - from) % HEARTBEAT_MS) + HEARTBEAT_MS) % HEARTBEAT_MS;
  return from + (gap === 0 ? HEARTBEAT_MS : gap);
}

/** An activated terminal (terminal protocol) was last seen at its last check-in; others at their simulated beat. */
export function lastSeenOf(terminal: TerminalRecord, now: number): number {
  if (!terminal.online || isActivated(terminal)) return terminal.lastSeenAt;
  const sinceBeat = (((now - terminal.heartbeatPhase) % HEARTBEAT_MS) + HEARTBEAT_MS) % HEARTBEAT_MS;
  return Math.max(terminal.lastSeenAt, now - sinceBeat);
}
