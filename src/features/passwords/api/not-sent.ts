export type NotSentAction = 'change' | 'reset';

interface NotSent {
  /** Another user signing in never sees it. */
  scope: string;
  tid: string;
  action: NotSentAction;
}

/** Noted right after the session ended so it outlives it; never what was typed. Read once. */
let note: NotSent | null = null;

export const notSentNote = {
  put(scope: string, tid: string, action: NotSentAction): void {
    note = { scope, tid, action };
  },
  take(scope: string, tid: string): NotSentAction | null {
    const taken = note;
    if (taken?.scope !== scope) note = null;
    if (!taken || taken.scope !== scope || taken.tid !== tid) return null;
    note = null;
    return taken.action;
  },
};
