import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { apiClient } from '@/api/client';
import * as authApi from '@contract/endpoints/auth';
import { onSessionEnd } from '@/api/session-memory';

export const STEP_UP_VALID_MS = 5 * 60_000;
/** Asked again a little early, so a request never leaves with a token about to lapse. */
const SAFETY_MARGIN_MS = 15_000;

interface HeldStepUp {
  scope: string;
  token: string;
  validUntil: number;
}

/**
 * Module memory only: never the query cache, storage, a URL or a log. A token the server refuses is dropped.
 */
let held: HeldStepUp | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export const stepUpHolder = {
  get(scope: string, now = Date.now()): { token: string; validUntil: number } | null {
    if (!held || held.scope !== scope || held.validUntil <= now) return null;
    return { token: held.token, validUntil: held.validUntil };
  },
  hold(scope: string, token: string, receivedAt = Date.now()): void {
    held = { scope, token, validUntil: receivedAt + STEP_UP_VALID_MS - SAFETY_MARGIN_MS };
    notify();
  },
  drop(): void {
    if (held === null) return;
    held = null;
    notify();
  },
  dropExpired(now = Date.now()): void {
    if (held !== null && held.validUntil <= now) stepUpHolder.drop();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Sign-out, expiry, a 401 or another user: the token goes at once, not when its 5 minutes end.
onSessionEnd(() => stepUpHolder.drop());

export async function confirmAccountPassword(scope: string, password: string): Promise<void> {
  const { stepUpToken } = await apiClient.call(authApi.stepUp, { body: { password } });
  stepUpHolder.hold(scope, stepUpToken);
}

export function useStepUp(scope: string) {
  const validUntil = useSyncExternalStore(
    stepUpHolder.subscribe,
    () => stepUpHolder.get(scope)?.validUntil ?? null,
  );
  useEffect(() => {
    if (validUntil === null) return;
    const timer = setTimeout(() => stepUpHolder.dropExpired(), Math.max(0, validUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [validUntil]);
  const token = useCallback(() => stepUpHolder.get(scope)?.token ?? null, [scope]);
  return { validUntil, token, drop: stepUpHolder.drop };
}
