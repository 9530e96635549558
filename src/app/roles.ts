import type { Role } from '@/api/schemas/common';

/** Who may open which area (DESIGN §2 permissions); the nav and the route guards both read it. */
export const areaRoles = {
  overview: ['owner', 'cashier', 'support'],
  terminals: ['owner', 'cashier', 'support'],
  transactions: ['owner', 'cashier', 'support'],
  audit: ['owner', 'support'],
  merchants: ['support'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof areaRoles;

export function canOpen(role: Role, area: Area): boolean {
  return (areaRoles[area] as readonly Role[]).includes(role);
}
