import { z } from 'zod/mini';

/** Limits match the API's LoginRequest, so the server never sees a request the form would reject. */
export const SignInForm = z.object({
  username: z
    .string()
    .check(z.trim(), z.minLength(1, 'signIn.usernameRequired'), z.maxLength(64, 'signIn.usernameTooLong')),
  password: z
    .string()
    .check(z.minLength(1, 'signIn.passwordRequired'), z.maxLength(256, 'signIn.passwordTooLong')),
});
export type SignInForm = z.infer<typeof SignInForm>;
