/**
 * The first element of each resource's query keys, in a module that loads nothing: the signed-in shell's live
 * updates (src/app/live-updates.ts) name what an event makes stale without pulling every screen's queries,
 * endpoints and schemas into the first load (tests/build/size-budget.test.ts). The query factories start
 * their keys with these.
 */
export const queryRoots = {
  terminals: ['terminals'],
  passwordCommands: ['password-commands'],
  bulkResetJobs: ['bulk-reset-jobs'],
  overview: ['overview'],
  alerts: ['alerts'],
  transactions: ['transactions'],
} as const;

export const terminalListsKey = [...queryRoots.terminals, 'list'] as const;
export const terminalDetailsKey = [...queryRoots.terminals, 'detail'] as const;
