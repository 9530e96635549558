import { z } from 'zod/mini';
import { MerchantId, Role, Timestamp } from './common';

export const User = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: Role,
  merchantIds: z.array(MerchantId),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionResponse = z.object({
  user: User,
  csrfToken: z.string().check(z.minLength(16)),
  idleExpiresAt: Timestamp,
  serverTime: Timestamp,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const StepUpRequest = z.object({ password: z.string().check(z.minLength(1), z.maxLength(256)) });
export type StepUpRequest = z.infer<typeof StepUpRequest>;

export const StepUpResponse = z.object({
  stepUpToken: z.string().check(z.minLength(16)),
  expiresAt: Timestamp,
});
export type StepUpResponse = z.infer<typeof StepUpResponse>;
