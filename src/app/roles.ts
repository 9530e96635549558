import type { User } from '@contract/schemas/auth';
import type { Role } from '@contract/schemas/common';

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

export const actionRoles = {
  exportCsv: ['owner', 'support'],
  manageVoidPasswords: ['owner', 'support'],
  changeVoidPassword: ['owner'],
  cancelPasswordCommand: ['owner', 'support'],
  /** Decision 010: the void password guards sales against the cashier. */
  viewVoidPasswords: ['owner', 'support'],
  resetWithTicket: ['support'],
  /** A lost or stolen terminal's protocol key, stopped (the acquirer's rule: owner or support). */
  revokeTerminalCredential: ['owner', 'support'],
  /** Decision 024: remote work on the terminal, no secret. */
  scheduleFirmwareUpdate: ['owner', 'support'],
} as const satisfies Record<string, readonly Role[]>;

export function canDo(role: Role, action: keyof typeof actionRoles): boolean {
  return (actionRoles[action] as readonly Role[]).includes(role);
}

/** Pages pass it in, so the passwords feature knows no roles. */
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
