import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod/mini';

// A param that does not parse (an old or edited link) is ignored, never an error.
// Never put a secret here: URLs end up in history, logs and referrers.

type UrlValue = string | number | boolean | null | undefined;
export type UrlStatePatch<S extends z.ZodMiniObject> = { [K in keyof z.output<S>]?: UrlValue };

export function parseUrlState<S extends z.ZodMiniObject>(
  schema: S,
  params: URLSearchParams,
): Partial<z.output<S>> {
  const state: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodMiniType>)) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const parsed = field.safeParse(raw);
    if (parsed.success && parsed.data !== undefined) state[key] = parsed.data;
  }
  return state as Partial<z.output<S>>;
}

export function applyUrlPatch(current: URLSearchParams, patch: Record<string, UrlValue>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  next.sort();
  return next;
}

export function useUrlState<S extends z.ZodMiniObject>(schema: S) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const state = useMemo(() => parseUrlState(schema, new URLSearchParams(search)), [schema, search]);

  const update = useCallback(
    (patch: UrlStatePatch<S>, options: { replace?: boolean } = {}) => {
      const next = applyUrlPatch(new URLSearchParams(search), patch as Record<string, UrlValue>);
      const sortedCurrent = new URLSearchParams(search);
      sortedCurrent.sort();
      // The same view again is not a new history entry.
      if (next.toString() === sortedCurrent.toString()) return;
      setSearchParams(next, { replace: options.replace ?? false, preventScrollReset: true });
    },
    [search, setSearchParams],
  );

  return [state, update] as const;
}
