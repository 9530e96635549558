import type { Merchant, MerchantDetail } from '@contract/schemas/merchants';
import { type ReadFirst, readFirst, type RequestContext } from '../context';
import { maskPhone } from '../data/generate';
import { type MerchantSize, naturalOrder } from '../fleet';
import { notFound, requireRole } from '../rules/access';
import type { MerchantRecord } from '../types';

function merchantView(merchant: MerchantRecord, size: MerchantSize | undefined): Merchant {
  return {
    id: merchant.id,
    name: merchant.name,
    phoneMasked: maskPhone(merchant.phone),
    payoutMode: merchant.payoutMode,
    storeCount: size?.stores ?? 0,
    terminalCount: size?.terminals ?? 0,
  };
}

export const MERCHANT_SEARCH_LIMIT = 100;

export function phoneDigitsOf(text: string): string | null {
  const compact = text.replace(/[\s\-().]/g, '');
  const match = /^(?:\+86|0086|86(?=1\d{10}$))?(\d{4,})$/.exec(compact);
  return match ? match[1]! : null;
}

/** The full phone number is searchable, never shown. */
export function listMerchants(ctx: RequestContext): ReadFirst {
  requireRole(ctx, ['support'], 'search merchants');
  const q = (ctx.query as { q?: string }).q?.trim().toLowerCase() ?? '';
  const digits = q.replace(/[\s\-().]/g, '');
  const phone = phoneDigitsOf(q);
  const found = ctx.state.world.merchants
    .filter(
      (m) =>
        !q ||
        (/^\d+$/.test(digits) && m.id.includes(digits)) ||
        m.name.toLowerCase().includes(q) ||
        (phone !== null && m.phone.includes(phone)),
    )
    .slice(0, MERCHANT_SEARCH_LIMIT);
  return readFirst(async () => {
    // Counted through the fleet port (decision 018): from the tables on the server.
    const sizes = await ctx.fleet.merchantSizes(found.map((m) => m.id));
    return () => ({ body: { items: found.map((m) => merchantView(m, sizes.get(m.id))) } });
  });
}

export function getMerchant(ctx: RequestContext): ReadFirst {
  requireRole(ctx, ['support'], 'look up merchants');
  const merchant = ctx.state.world.merchantById.get(ctx.params.mid!);
  if (!merchant) throw notFound('merchant');
  return readFirst(async () => {
    const [sizes, facets] = await Promise.all([
      ctx.fleet.merchantSizes([merchant.id]),
      ctx.fleet.facets({ merchantIds: [merchant.id] }),
    ]);
    const terminalsByStore = new Map(facets.stores);
    const body: MerchantDetail = {
      ...merchantView(merchant, sizes.get(merchant.id)),
      stores: ctx.state.world.stores
        .filter((s) => s.merchantId === merchant.id)
        .map((s) => ({
          id: s.id,
          merchantId: s.merchantId,
          name: s.name,
          city: s.city,
          terminalCount: terminalsByStore.get(s.id) ?? 0,
        }))
        .sort((a, b) => naturalOrder(a.name, b.name)),
    };
    return () => ({ body });
  });
}
