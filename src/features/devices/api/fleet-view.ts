import { z } from 'zod/mini';
import { TerminalFilter, TerminalSort, TerminalStatus, VoidPasswordState } from '@/api/schemas/terminals';

/**
 * What the fleet list shows — search, filters, sort — as it lives in the URL
 * (`/terminals?passwordState=default&sort=-lastSeenAt`): a link reproduces the view.
 */
export const FleetView = z.object({
  q: z.optional(z.string().check(z.maxLength(64))),
  status: z.optional(TerminalStatus),
  passwordState: z.optional(VoidPasswordState),
  storeId: z.optional(z.string().check(z.maxLength(64))),
  model: z.optional(z.string().check(z.maxLength(64))),
  passwordAge: TerminalFilter.shape.passwordAge,
  command: TerminalFilter.shape.command,
  sort: z.optional(TerminalSort),
});
export type FleetView = z.infer<typeof FleetView>;

export const DEFAULT_SORT: TerminalSort = 'tid';

/** The search part of a fleet-list URL, e.g. a store's link on the merchant page. */
export function fleetViewSearch(view: FleetView): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) if (value) params.set(key, String(value));
  params.sort();
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when anything narrows the list (sort does not). */
export function isFiltered(view: FleetView): boolean {
  return Boolean(
    view.q ||
    view.status ||
    view.passwordState ||
    view.storeId ||
    view.model ||
    view.passwordAge ||
    view.command,
  );
}

/** The patch that clears search and filters (sort stays). */
export const CLEARED_FILTERS = {
  q: undefined,
  status: undefined,
  passwordState: undefined,
  storeId: undefined,
  model: undefined,
  passwordAge: undefined,
  command: undefined,
} as const;

/** The parts of a view that need the void password in sight (decision 010): a cashier's list ignores them. */
export function withoutVoidPasswordParts(view: FleetView): FleetView {
  const sort = view.sort?.replace(/^-/, '') === 'passwordChangedAt' ? undefined : view.sort;
  return { ...view, passwordState: undefined, passwordAge: undefined, command: undefined, sort };
}
