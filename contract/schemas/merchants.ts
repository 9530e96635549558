import { z } from 'zod/mini';
import { Count, MerchantId } from './common';

export const PayoutMode = z.enum(['T1', 'D0']);

export const Merchant = z.object({
  id: MerchantId,
  name: z.string(),
  phoneMasked: z.string(),
  payoutMode: PayoutMode,
  storeCount: Count,
  terminalCount: Count,
});
export type Merchant = z.infer<typeof Merchant>;

export const Store = z.object({
  id: z.string(),
  merchantId: MerchantId,
  name: z.string(),
  city: z.string(),
  terminalCount: Count,
});
export type Store = z.infer<typeof Store>;

export const MerchantList = z.object({ items: z.array(Merchant) });
export const MerchantDetail = z.extend(Merchant, { stores: z.array(Store) });
export type MerchantDetail = z.infer<typeof MerchantDetail>;
