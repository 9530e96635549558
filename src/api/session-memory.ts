/**
 * What a feature keeps in memory for the signed-in user outside the query cache (the step-up
 * token of void-password resets, …) registers how to forget it here. The session ends —
 * sign-out, expiry, a 401, another user signing in — and the auth feature calls
 * `forgetSessionMemory()` once; features never need to know about each other.
 */
const forgetters = new Set<() => void>();

/** Registers `forget`, called at every session end; returns the unregistration. */
export function onSessionEnd(forget: () => void): () => void {
  forgetters.add(forget);
  return () => forgetters.delete(forget);
}

export function forgetSessionMemory(): void {
  for (const forget of forgetters) forget();
}
