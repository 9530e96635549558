import { z } from 'zod/mini';
import { TerminalFilter, TerminalSort, TerminalStatus, VoidPasswordState } from '@contract/schemas/terminals';

export const FleetView = z.object({
  q: z.optional(z.string().check(z.maxLength(64))),
  status: z.optional(TerminalStatus),
  passwordState: z.optional(VoidPasswordState),
  storeId: z.optional(z.string().check(z.maxLength(64))),
  model: z.optional(z.string().check(z.maxLength(64))),
  passwordAge: TerminalFilter.shape.passwordAge,
  command: TerminalFilter.shape.command,
  firmware: TerminalFilter.shape.firmware,
  sort: z.optional(TerminalSort),
});
export type FleetView = z.infer<typeof FleetView>;

export const DEFAULT_SORT: TerminalSort = 'tid';

export function fleetViewSearch(view: FleetView): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) if (value) params.set(key, String(value));
  params.sort();
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The choices of the filter panel; the search box is a filter too. */
export const PANEL_FILTERS = [
  'status',
  'passwordState',
  'passwordAge',
  'command',
  'storeId',
  'model',
  'firmware',
] as const;

export function activePanelFilters(view: FleetView): number {
  return PANEL_FILTERS.filter((key) => view[key]).length;
}

export function isFiltered(view: FleetView): boolean {
  return Boolean(view.q) || activePanelFilters(view) > 0;
}

export const CLEARED_FILTERS = {
  q: undefined,
  ...(Object.fromEntries(PANEL_FILTERS.map((key) => [key, undefined])) as Record<
    (typeof PANEL_FILTERS)[number],
    undefined
  >),
};

/** Decision 010: a cashier's list ignores these. */
export function withoutVoidPasswordParts(view: FleetView): FleetView {
  const sort = view.sort?.replace(/^-/, '') === 'passwordChangedAt' ? undefined : view.sort;
  return { ...view, passwordState: undefined, passwordAge: undefined, command: undefined, sort };
}
