import type { Role } from '@contract/schemas/common';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  description: string;
}
