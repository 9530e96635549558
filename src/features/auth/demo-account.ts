import type { Role } from '@/api/schemas/common';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  description: string;
}
