import { z } from 'zod';

/**
 * The sign-in form. Messages are i18n keys, translated where shown. Limits match the API's
 * LoginRequest, so the server never sees a request the form would reject.
 */
export const SignInForm = z.object({
  username: z.string().trim().min(1, 'signIn.usernameRequired').max(64, 'signIn.usernameTooLong'),
  password: z.string().min(1, 'signIn.passwordRequired').max(256, 'signIn.passwordTooLong'),
});
export type SignInForm = z.infer<typeof SignInForm>;
