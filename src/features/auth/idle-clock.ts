import { useSyncExternalStore } from 'react';

/** When the server will end the session if nothing happens, on the browser's clock. */
export interface IdleDeadline {
  /** Epoch ms (browser clock) at which the server's idle timer runs out. */
  expiresAt: number;
  /** The server's idle timeout, learned from `idleExpiresAt - serverTime`. */
  idleMs: number;
}

type Listener = () => void;

/**
 * Mirrors the server's idle timer. The server says when it will expire the session in its
 * own clock; the browser clock may differ, so the deadline is shifted by the measured
 * offset. Every user-initiated call that succeeds restarts the server's timer, and so
 * this one. In memory only; reset when the session ends.
 */
export function createIdleClock() {
  let deadline: IdleDeadline | null = null;
  const listeners = new Set<Listener>();

  function set(next: IdleDeadline | null): void {
    deadline = next;
    for (const listener of listeners) listener();
  }

  return {
    /** From a session or login response, received at `receivedAt` (browser clock). */
    start(idleExpiresAt: string, serverTime: string, receivedAt: number = Date.now()): void {
      const serverNow = Date.parse(serverTime);
      const serverDeadline = Date.parse(idleExpiresAt);
      if (Number.isNaN(serverNow) || Number.isNaN(serverDeadline)) return;
      const clockOffset = serverNow - receivedAt;
      set({ expiresAt: serverDeadline - clockOffset, idleMs: Math.max(0, serverDeadline - serverNow) });
    },
    /** A user-initiated call succeeded: the server restarted its timer. */
    touch(now: number = Date.now()): void {
      if (deadline) set({ expiresAt: now + deadline.idleMs, idleMs: deadline.idleMs });
    },
    reset(): void {
      if (deadline !== null) set(null);
    },
    get(): IdleDeadline | null {
      return deadline;
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type IdleClock = ReturnType<typeof createIdleClock>;

/** The app's idle clock, like the API client it listens to: one per page. */
export const idleClock = createIdleClock();

export function useIdleDeadline(): IdleDeadline | null {
  return useSyncExternalStore(idleClock.subscribe, idleClock.get, idleClock.get);
}
