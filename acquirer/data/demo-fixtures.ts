/** Facts of the generated data e2e tests and demos rely on, whatever the seed. */
export const MERCHANT_A = '822330154110023';
export const MERCHANT_B = '822290158120047';
/** On same-day (D0) payout: its card sales can only be refunded, never voided. */
export const MERCHANT_C = '822305054110089';

/** Every scenario has them; the simulator keeps only their hashes. */
export const DEMO_PASSWORDS = {
  owner: 'owner-demo-1',
  cashier: 'cashier-demo-1',
  support: 'support-demo-1',
  /** Owner of merchants B and C. */
  owner2: 'owner2-demo-1',
} as const;
export type DemoUsername = keyof typeof DEMO_PASSWORDS;

export const DEMO_TIDS = {
  /** Merchant A, online, still on the factory default 123456, voidable card sales today. */
  defaultPassword: '58100101',
  /** Merchant A, online, custom PIN `DEMO_VOID_PASSWORD`, voidable sales today (see DEMO_TRACE_NOS). */
  custom: '58100102',
  /** Merchant A, void password locked (5 wrong attempts) until 20 minutes after generation. */
  locked: '58100103',
  /** Merchant A, offline for two days (offline alert), factory default. */
  offline: '58100104',
  /** Merchant A, offline for 3 hours with a queued reset command requested an hour ago. */
  openCommand: '58100105',
  /** Merchant A, custom PIN unchanged for 200 days (stale password alert). */
  stalePassword: '58100106',
  /** Merchant A, operator 03 voided 6 sales within 45 minutes today (void burst alert). */
  voidBurst: '58100107',
  /** Merchant A, custom PIN `DEMO_VOID_PASSWORD` with 3 wrong attempts already (2 left). */
  failedAttempts: '58100108',
  /** Merchant A, the operator settled the batch at the terminal earlier today. */
  settledEarly: '58100109',
  /** Merchant A, online, factory default, never used (no transactions). */
  unused: '58100112',
  /** Merchant B, online, custom PIN `DEMO_VOID_PASSWORD`. */
  merchantBCustom: '58200201',
  /** Merchant B, offline 5 days; its reset command expired unpicked. */
  merchantBExpired: '58200204',
  /** Merchant B, went offline 20 minutes ago holding a delivered (not yet applied) command. */
  merchantBDelivered: '58200205',
  /** Merchant C (D0 payout), online, custom PIN `DEMO_VOID_PASSWORD`. */
  merchantCd0: '58300301',
} as const;

/** So a change (which needs the current PIN) can be demonstrated; the simulator keeps only its hash. */
export const DEMO_VOID_PASSWORD = '246813';

/** Trace numbers of notable sales in the `demo` scenario (all of the open batch unless said). */
export const DEMO_TRACE_NOS = {
  /** 58100102, card chip ¥128.00, today: voidable. */
  voidableSale: '900101',
  /** 58100102, WeChat QR ¥36.50, today: qr_refund_only. */
  qrSale: '900102',
  /** 58100102, card, declined today: not_approved. */
  declinedSale: '900103',
  /** 58100102, card sale today, already voided (its void is `voidOfVoidedSale`). */
  voidedSale: '900104',
  voidOfVoidedSale: '900105',
  /** 58100102, card sale two days ago: settled. */
  settledSale: '900106',
  /** 58300301 (merchant C, D0), card sale today: d0_payout_refund_only. */
  d0Sale: '900107',
  /** 58100109, card sale today before the operator's early settlement: settled. */
  settledEarlySale: '900108',
} as const;
