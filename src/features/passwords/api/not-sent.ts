/** An action a lost session kept from being sent. */
export type NotSentAction = 'change' | 'reset';

interface NotSent {
  /** Whose it was: another user signing in never sees it. */
  scope: string;
  tid: string;
  action: NotSentAction;
}

/**
 * What to tell the user back on the terminal page after the session ended mid-action (a
 * 401 is a refusal: nothing was sent). Noted right after the session ended, so it outlives
 * that end (unlike the rest of the session's memory); it says only which action and which
 * terminal, never what was typed. Read once; a reload or another user's sign-in forgets it.
 */
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
