import { z } from 'zod/mini';
import { MerchantDetail, MerchantList } from '../schemas/merchants';
import type { Endpoint } from './endpoint';

const MerchantQuery = z.object({ q: z.optional(z.string().check(z.maxLength(64))) });

export const merchants = {
  method: 'GET',
  path: '/merchants',
  query: MerchantQuery,
  response: MerchantList,
  status: 200,
} as const satisfies Endpoint;

export const merchant = {
  method: 'GET',
  path: '/merchants/:mid',
  response: MerchantDetail,
  status: 200,
} as const satisfies Endpoint;
