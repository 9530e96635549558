/**
 * What the signed-in user may do with void passwords (docs/domain.md). The page
 * works it out from the role and passes it in; the API refuses the rest anyway.
 */
export interface VoidPasswordAccess {
  /** The signed-in user: a step-up token is held for them only. */
  userId: string;
  /** For password managers, in the step-up form. */
  username: string;
  canChange: boolean;
  canReset: boolean;
  canCancel: boolean;
  /** Support: every reset needs a ticket reference and a reason. */
  ticketRequired: boolean;
}
