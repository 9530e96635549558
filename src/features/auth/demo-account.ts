import type { Role } from '@/api/schemas/common';

/** A demo user of the mock acquirer, handed to the sign-in page by the bootstrap in mock mode only. */
export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  description: string;
}
