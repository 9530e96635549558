/** Worked out from the role by the page; the API refuses the rest anyway. */
export interface VoidPasswordAccess {
  userId: string;
  username: string;
  canChange: boolean;
  canReset: boolean;
  canCancel: boolean;
  ticketRequired: boolean;
}
