import type { Role } from '@contract/schemas/common';
import { DEMO_PASSWORDS, MERCHANT_A, MERCHANT_B, MERCHANT_C } from './demo-fixtures';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  description: string;
}

export interface AccountSeed extends DemoAccount {
  id: string;
  name: string;
  merchantIds: string[];
}

/** Public demo passwords; the simulator keeps only salted hashes. */
export const ACCOUNT_SEEDS: readonly AccountSeed[] = [
  {
    id: 'usr_owner',
    username: 'owner',
    password: DEMO_PASSWORDS.owner,
    role: 'owner',
    name: '王建国',
    merchantIds: [MERCHANT_A],
    description: 'Owner of 杭州西湖区悦来便利店: manages its terminals and void passwords',
  },
  {
    id: 'usr_cashier',
    username: 'cashier',
    password: DEMO_PASSWORDS.cashier,
    role: 'cashier',
    name: '李娜',
    merchantIds: [MERCHANT_A],
    description: 'Cashier of 杭州西湖区悦来便利店: read-only',
  },
  {
    id: 'usr_support',
    username: 'support',
    password: DEMO_PASSWORDS.support,
    role: 'support',
    name: '陈晓',
    merchantIds: [],
    description: 'Acquirer support agent: any merchant, resets with a ticket',
  },
  {
    id: 'usr_owner2',
    username: 'owner2',
    password: DEMO_PASSWORDS.owner2,
    role: 'owner',
    name: '赵敏',
    merchantIds: [MERCHANT_B, MERCHANT_C],
    description: 'Owner of two other merchants (one on D0 payout)',
  },
];

export const demoAccounts: DemoAccount[] = ACCOUNT_SEEDS.map(({ username, password, role, description }) => ({
  username,
  password,
  role,
  description,
}));
