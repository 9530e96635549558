import { z } from 'zod';
import { MerchantId } from './common';

export const PayoutMode = z.enum(['T1', 'D0']);

export const Merchant = z.object({
  id: MerchantId,
  name: z.string(),
  phoneMasked: z.string(),
  payoutMode: PayoutMode,
  storeCount: z.number().int().nonnegative(),
  terminalCount: z.number().int().nonnegative(),
});
export type Merchant = z.infer<typeof Merchant>;

export const Store = z.object({
  id: z.string(),
  merchantId: MerchantId,
  name: z.string(),
  city: z.string(),
  terminalCount: z.number().int().nonnegative(),
});
export type Store = z.infer<typeof Store>;

export const MerchantList = z.object({ items: z.array(Merchant) });
export const MerchantDetail = Merchant.extend({ stores: z.array(Store) });
export type MerchantDetail = z.infer<typeof MerchantDetail>;
