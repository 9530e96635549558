import { useSyncExternalStore } from 'react';

export interface IdleDeadline {
  /** Epoch ms, browser clock. */
  expiresAt: number;
  idleMs: number;
}

type Listener = () => void;

/** The deadline is shifted by the measured server/browser clock offset. In memory only. */
export function createIdleClock() {
  let deadline: IdleDeadline | null = null;
  const listeners = new Set<Listener>();

  function set(next: IdleDeadline | null): void {
    deadline = next;
    for (const listener of listeners) listener();
  }

  return {
    start(idleExpiresAt: string, serverTime: string, receivedAt: number = Date.now()): void {
      const serverNow = Date.parse(serverTime);
      const serverDeadline = Date.parse(idleExpiresAt);
      if (Number.isNaN(serverNow) || Number.isNaN(serverDeadline)) return;
      const clockOffset = serverNow - receivedAt;
      set({ expiresAt: serverDeadline - clockOffset, idleMs: Math.max(0, serverDeadline - serverNow) });
    },
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

export const idleClock = createIdleClock();

export function useIdleDeadline(): IdleDeadline | null {
  return useSyncExternalStore(idleClock.subscribe, idleClock.get, idleClock.get);
}
