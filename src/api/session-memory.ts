/**
 * Lets features forget their in-memory secrets (step-up token, …) at every session end without knowing about
 * auth.
 */
const forgetters = new Set<() => void>();

export function onSessionEnd(forget: () => void): () => void {
  forgetters.add(forget);
  return () => forgetters.delete(forget);
}

export function forgetSessionMemory(): void {
  for (const forget of forgetters) forget();
}
