import { HOUR } from '../clock';
import { pruneIdempotency } from '../idempotency';
import { markChanged, type SimState } from '../state';
import { advanceJobs } from './bulk-reset';
import { advanceCommands } from './commands';
import { markMissedCheckIns } from './terminal-protocol';
import { liftExpiredLocks } from './void-password';

/** Lazily, on every request; settlement and voidability are computed from `now` when read. */
export function advanceWorld(state: SimState, now: number): void {
  advanceCommands(state, now);
  if (advanceJobs(state, now)) advanceCommands(state, now);
  liftExpiredLocks(state, now);
  markMissedCheckIns(state, now);
  pruneIdempotency(state, now);
  for (const [key, session] of state.sessions) {
    if (now - session.lastActivityAt > 24 * HOUR) {
      state.sessions.delete(key);
      markChanged(state, 'sessions', key);
    }
  }
}
