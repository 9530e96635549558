import type { User } from '@/api/schemas/auth';
import type { Role } from '@/api/schemas/common';

/** Who may open which area (docs/domain.md); the nav and the route guards both read it. */
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

/** Who may do what beyond viewing (docs/domain.md); pages read it to offer the controls. */
export const actionRoles = {
  /** CSV exports of terminals and transactions. */
  exportCsv: ['owner', 'support'],
  /** Void-password changes, resets and bulk resets (select terminals for them). */
  manageVoidPasswords: ['owner', 'support'],
  /** Change a void password by giving the current one (the merchant's own owner). */
  changeVoidPassword: ['owner'],
  /** Cancel a void-password command the terminal has not picked up yet. */
  cancelPasswordCommand: ['owner', 'support'],
  /**
   * See void-password state, commands, password risks and alerts, and the void review
   * (decision 010): the void password guards sales against the cashier.
   */
  viewVoidPasswords: ['owner', 'support'],
  /** Resets carry a ticket reference and a reason: support acts for a merchant. */
  resetWithTicket: ['support'],
} as const satisfies Record<string, readonly Role[]>;

export function canDo(role: Role, action: keyof typeof actionRoles): boolean {
  return (actionRoles[action] as readonly Role[]).includes(role);
}

/**
 * What the user may do with void passwords, as the passwords feature's components take it
 * (`VoidPasswordAccess`): pages pass it in, so the feature knows no roles.
 */
export function voidPasswordAccessOf(user: User) {
  return {
    userId: user.id,
    username: user.username,
    canChange: canDo(user.role, 'changeVoidPassword'),
    canReset: canDo(user.role, 'manageVoidPasswords'),
    canCancel: canDo(user.role, 'cancelPasswordCommand'),
    ticketRequired: canDo(user.role, 'resetWithTicket'),
  };
}
