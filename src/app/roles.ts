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

/** Who may do what beyond viewing (DESIGN §2 permissions); pages read it to offer the controls. */
export const actionRoles = {
  /** CSV exports of terminals and transactions. */
  exportCsv: ['owner', 'support'],
  /** Void-password changes, resets and bulk resets (select terminals for them). */
  manageVoidPasswords: ['owner', 'support'],
} as const satisfies Record<string, readonly Role[]>;

export function canDo(role: Role, action: keyof typeof actionRoles): boolean {
  return (actionRoles[action] as readonly Role[]).includes(role);
}
