import type { Merchant, MerchantDetail } from '@contract/schemas/merchants';
import { type HandlerResult, type RequestContext } from '../context';
import { maskPhone } from '../data/generate';
import { naturalOrder } from '../fleet';
import { notFound, requireRole } from '../rules/access';
import type { SimState } from '../state';
import type { MerchantRecord } from '../types';

interface Counts {
  stores: Map<string, number>;
  terminals: Map<string, number>;
  terminalsByStore: Map<string, number>;
}

function countsOf(state: SimState): Counts {
  const counts: Counts = { stores: new Map(), terminals: new Map(), terminalsByStore: new Map() };
  for (const store of state.world.stores)
    counts.stores.set(store.merchantId, (counts.stores.get(store.merchantId) ?? 0) + 1);
  for (const t of state.world.terminals) {
    counts.terminals.set(t.merchantId, (counts.terminals.get(t.merchantId) ?? 0) + 1);
    counts.terminalsByStore.set(t.storeId, (counts.terminalsByStore.get(t.storeId) ?? 0) + 1);
  }
  return counts;
}

function merchantView(merchant: MerchantRecord, counts: Counts): Merchant {
  return {
    id: merchant.id,
    name: merchant.name,
    phoneMasked: maskPhone(merchant.phone),
    payoutMode: merchant.payoutMode,
    storeCount: counts.stores.get(merchant.id) ?? 0,
    terminalCount: counts.terminals.get(merchant.id) ?? 0,
  };
}

export const MERCHANT_SEARCH_LIMIT = 100;

export function phoneDigitsOf(text: string): string | null {
  const compact = text.replace(/[\s\-().]/g, '');
  const match = /^(?:\+86|0086|86(?=1\d{10}$))?(\d{4,})$/.exec(compact);
  return match ? match[1]! : null;
}

/** The full phone number is searchable, never shown. */
export function listMerchants(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['support'], 'search merchants');
  const q = (ctx.query as { q?: string }).q?.trim().toLowerCase() ?? '';
  const digits = q.replace(/[\s\-().]/g, '');
  const phone = phoneDigitsOf(q);
  const counts = countsOf(ctx.state);
  const items = ctx.state.world.merchants
    .filter(
      (m) =>
        !q ||
        (/^\d+$/.test(digits) && m.id.includes(digits)) ||
        m.name.toLowerCase().includes(q) ||
        (phone !== null && m.phone.includes(phone)),
    )
    .slice(0, MERCHANT_SEARCH_LIMIT)
    .map((m) => merchantView(m, counts));
  return { body: { items } };
}

export function getMerchant(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['support'], 'look up merchants');
  const merchant = ctx.state.world.merchantById.get(ctx.params.mid!);
  if (!merchant) throw notFound('merchant');
  const counts = countsOf(ctx.state);
  const body: MerchantDetail = {
    ...merchantView(merchant, counts),
    stores: ctx.state.world.stores
      .filter((s) => s.merchantId === merchant.id)
      .map((s) => ({
        id: s.id,
        merchantId: s.merchantId,
        name: s.name,
        city: s.city,
        terminalCount: counts.terminalsByStore.get(s.id) ?? 0,
      }))
      .sort((a, b) => naturalOrder(a.name, b.name)),
  };
  return { body };
}
