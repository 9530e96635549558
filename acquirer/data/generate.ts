import type { PaymentMethod } from '@contract/schemas/transactions';
import { checkVoidPassword } from '@contract/void-password-policy';
import { DAY, HOUR, MINUTE, nextCutoffAfter, SECOND, shanghaiMidnight } from '../clock';
import { saltedHash } from '../hash';
import { createRng, type Rng } from '../random';
import { batchCloseAt, isCardMethod } from '../rules/voidability';
import type {
  AuditRecord,
  CommandRecord,
  MerchantRecord,
  Scenario,
  StoreRecord,
  TerminalRecord,
  TransactionRecord,
  World,
} from '../types';
import {
  DEMO_TIDS,
  DEMO_TRACE_NOS,
  DEMO_VOID_PASSWORD,
  MERCHANT_A,
  MERCHANT_B,
  MERCHANT_C,
} from './demo-fixtures';
import { makeHostile } from './hostile';
import { BRAND_WORDS, BUSINESS_KINDS, CITIES, PHONE_PREFIXES, TERMINAL_MODELS } from './names';

export const DEFAULT_CUTOFF_MINUTE = 23 * 60;
export const COMMAND_TTL_MS = 72 * HOUR;
export const HEARTBEAT_MS = 30 * SECOND;

const METHOD_WEIGHTS: readonly [PaymentMethod, number][] = [
  ['card_chip', 25],
  ['card_contactless', 20],
  ['card_swipe', 5],
  ['wechat_qr', 28],
  ['alipay_qr', 17],
  ['unionpay_qr', 5],
];

/** From the seeded PRNG: data, not a secret. */
function policyPin(rng: Rng): string {
  for (;;) {
    const pin = String(rng.int(0, 999999)).padStart(6, '0');
    if (checkVoidPassword(pin).length === 0 && pin !== DEMO_VOID_PASSWORD) return pin;
  }
}

function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
export { maskPhone };

interface PinSpec {
  /** Generation only; never kept. */
  pin: string;
  changedAt: number;
  previous?: string[];
}

interface TerminalSpec {
  tid: string;
  merchantId: string;
  storeId: string;
  online: boolean;
  lastSeenAt?: number;
  pin: PinSpec | null;
  failedAttempts?: number;
  lockedAt?: number;
  lockedUntil?: number;
  manualSettlements?: number[];
}

/** A transaction's id from its place in the newest-first order (0 is the newest). */
export function transactionId(index: number): string {
  return `tx_${index.toString(36).padStart(5, '0')}`;
}

/** What a builder made since it was last drained (`WorldBuilder.drain`). */
export interface BuiltPart {
  merchants: MerchantRecord[];
  stores: StoreRecord[];
  terminals: TerminalRecord[];
  transactions: TransactionRecord[];
  /** Each void with its sale. */
  voidLinks: [TransactionRecord, TransactionRecord][];
  commands: CommandRecord[];
}

export class WorldBuilder {
  merchants: MerchantRecord[] = [];
  stores: StoreRecord[] = [];
  terminals: TerminalRecord[] = [];
  transactions: TransactionRecord[] = [];
  voidLinks: [TransactionRecord, TransactionRecord][] = [];
  commands: CommandRecord[] = [];
  audit: AuditRecord[] = [];
  /** Counted apart from the lists, which `drain` empties: ids stay unique over a streamed world. */
  private made = { stores: 0, transactions: 0, commands: 0 };

  constructor(
    readonly rng: Rng,
    readonly now: number,
  ) {}

  merchant(record: MerchantRecord): MerchantRecord {
    this.merchants.push(record);
    return record;
  }

  store(merchant: MerchantRecord, name: string, city: string): StoreRecord {
    const store: StoreRecord = {
      id: `st_${merchant.id.slice(-5)}${String(++this.made.stores).padStart(4, '0')}`,
      merchantId: merchant.id,
      name,
      city,
    };
    this.stores.push(store);
    return store;
  }

  terminal(spec: TerminalSpec): TerminalRecord {
    const { rng } = this;
    const kind = rng.pick(TERMINAL_MODELS);
    const salt = `${rng.digits(8)}${spec.tid}`;
    const terminal: TerminalRecord = {
      tid: spec.tid,
      sn: `${kind.snPrefix}${rng.digits(12 - kind.snPrefix.length)}`,
      model: kind.model,
      firmware: rng.pick(kind.firmware),
      merchantId: spec.merchantId,
      storeId: spec.storeId,
      cutoffMinute: DEFAULT_CUTOFF_MINUTE,
      batchBase: rng.int(10, 800),
      manualSettlements: spec.manualSettlements ?? [],
      online: spec.online,
      // An online terminal has been connected for a while: its last contact is its latest heartbeat.
      lastSeenAt: spec.lastSeenAt ?? this.now - DAY,
      heartbeatPhase: rng.int(0, HEARTBEAT_MS - 1),
      voidPassword: {
        salt,
        hash: spec.pin ? saltedHash(salt, spec.pin.pin) : null,
        changedAt: spec.pin?.changedAt ?? null,
        history: (spec.pin?.previous ?? []).map((pin) => saltedHash(salt, pin)),
        version: spec.pin ? 1 + (spec.pin.previous?.length ?? 0) : 0,
        failedAttempts: spec.failedAttempts ?? 0,
        lockedAt: spec.lockedAt ?? null,
        lockedUntil: spec.lockedUntil ?? null,
      },
      revision: 1,
    };
    this.terminals.push(terminal);
    return terminal;
  }

  transaction(init: Omit<TransactionRecord, 'index' | 'id' | 'voided' | 'originalId'>): TransactionRecord {
    // One literal in one property order: 200,000 records share a single hidden class.
    const record: TransactionRecord = {
      index: this.made.transactions++,
      id: '',
      terminal: init.terminal,
      type: init.type,
      outcome: init.outcome,
      voided: false,
      method: init.method,
      amount: init.amount,
      cardLast4: init.cardLast4,
      traceNo: init.traceNo,
      rrn: init.rrn,
      operatorNo: init.operatorNo,
      createdAt: init.createdAt,
      originalId: undefined,
    };
    this.transactions.push(record);
    return record;
  }

  voidOf(sale: TransactionRecord, at: number, operatorNo: string, traceNo: string): TransactionRecord | null {
    if (at > this.now || at >= batchCloseAt(sale.terminal, sale.createdAt).closesAt) return null;
    const record = this.transaction({
      terminal: sale.terminal,
      type: 'void',
      outcome: 'approved',
      method: sale.method,
      amount: sale.amount,
      cardLast4: sale.cardLast4,
      traceNo,
      rrn: rrnOf(this.rng),
      operatorNo,
      createdAt: at,
    });
    sale.voided = true;
    this.voidLinks.push([record, sale]);
    return record;
  }

  auditEvent(
    event: Omit<AuditRecord, 'id' | 'clientIp' | 'ticketId' | 'reason'> & Partial<AuditRecord>,
  ): void {
    this.audit.push({
      id: '',
      ticketId: null,
      reason: null,
      clientIp: event.actorRole === 'terminal' || event.actorRole === 'system' ? null : clientIpOf(this.rng),
      ...event,
    });
  }

  command(command: Omit<CommandRecord, 'id'>): CommandRecord {
    const record = { id: `cmd_g${String(++this.made.commands).padStart(5, '0')}`, ...command };
    this.commands.push(record);
    return record;
  }

  /**
   * Hands over what was made since the last call and forgets it, for a world written as it is generated
   * (server/db/seed-xlarge.ts). A transaction's `index` stays its place in the order generated, its `id`
   * empty: `build` would sort and name them, and is not called on a drained builder.
   */
  drain(): BuiltPart {
    const part: BuiltPart = {
      merchants: this.merchants,
      stores: this.stores,
      terminals: this.terminals,
      transactions: this.transactions,
      voidLinks: this.voidLinks,
      commands: this.commands,
    };
    this.merchants = [];
    this.stores = [];
    this.terminals = [];
    this.transactions = [];
    this.voidLinks = [];
    this.commands = [];
    return part;
  }

  build(scenario: Scenario, seed: string): World {
    // Newest first; ties in the order generated (index holds the generation order until here).
    this.transactions.sort((a, b) => b.createdAt - a.createdAt || b.index - a.index);
    this.transactions.forEach((t, index) => {
      t.index = index;
      t.id = transactionId(index);
    });
    for (const [voidRecord, sale] of this.voidLinks) voidRecord.originalId = sale.id;
    this.audit.sort((a, b) => a.at - b.at);
    this.audit.forEach((event, i) => (event.id = `aud_g${String(i + 1).padStart(6, '0')}`));
    return {
      scenario,
      seed,
      generatedAt: this.now,
      merchants: this.merchants,
      merchantById: new Map(this.merchants.map((m) => [m.id, m])),
      stores: this.stores,
      storeById: new Map(this.stores.map((s) => [s.id, s])),
      terminals: this.terminals,
      terminalByTid: new Map(this.terminals.map((t) => [t.tid, t])),
      transactions: this.transactions,
      commands: this.commands,
      audit: this.audit,
    };
  }
}

function rrnOf(rng: Rng): string {
  return String(rng.int(100000, 999999)) + String(rng.int(0, 999999)).padStart(6, '0');
}

function clientIpOf(rng: Rng): string {
  return `${rng.pick(['183.157', '115.236', '222.73', '101.68', '112.10'])}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
}

function methodOf(rng: Rng): PaymentMethod {
  let roll = rng.int(0, 99);
  for (const [method, weight] of METHOD_WEIGHTS) {
    if (roll < weight) return method;
    roll -= weight;
  }
  return 'card_chip';
}

function amountOf(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-9);
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  const fen = Math.round(Math.exp(Math.log(4500) + normal * 0.9));
  const clamped = Math.min(Math.max(fen, 100), 800000);
  return rng.chance(0.8) ? Math.round(clamped / 10) * 10 : clamped;
}

function businessInstant(rng: Rng, from: number, to: number): number | null {
  if (to <= from) return null;
  for (let attempt = 0; attempt < 4; attempt++) {
    const at = from + Math.floor(rng.next() * (to - from));
    const minuteOfDay = Math.floor((at - shanghaiMidnight(at)) / MINUTE);
    if (minuteOfDay >= 450 && minuteOfDay <= 1350) return at;
  }
  return null;
}

export interface SalesOptions {
  count: number;
  from: number;
  operators: number;
  voidRate: number;
  traceStart: number;
}

/** Sales of a terminal at random business hours since `from`, some voided within the batch. */
export function ordinarySales(b: WorldBuilder, terminal: TerminalRecord, options: SalesOptions): void {
  const { rng } = b;
  const to = terminal.online ? b.now : terminal.lastSeenAt;
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const at = businessInstant(rng, options.from, to);
    if (at !== null) times.push(at);
  }
  times.sort((x, y) => x - y);
  let trace = options.traceStart;
  const nextTrace = () => String((trace++ % 899999) + 1).padStart(6, '0');
  const operator = () => `0${rng.int(1, options.operators)}`;
  for (const at of times) {
    const method = methodOf(rng);
    const card = isCardMethod(method);
    const sale = b.transaction({
      terminal,
      type: 'sale',
      outcome: rng.chance(0.03) ? 'declined' : 'approved',
      method,
      amount: amountOf(rng),
      cardLast4: card ? String(rng.int(0, 9999)).padStart(4, '0') : undefined,
      traceNo: nextTrace(),
      rrn: rrnOf(rng),
      operatorNo: operator(),
      createdAt: at,
    });
    if (card && sale.outcome === 'approved' && rng.chance(options.voidRate)) {
      b.voidOf(sale, at + rng.int(1, 90) * MINUTE, operator(), nextTrace());
    }
  }
}

export interface GenerateOptions {
  scenario: Scenario;
  seed: string;
  now: number;
}

/** The same seed, scenario and instant always give the same data. */
export function generateWorld({ scenario, seed, now }: GenerateOptions): World {
  const rng = createRng(`${scenario}:${seed}`);
  const b = new WorldBuilder(rng, now);
  const [a, bm, c] = coreMerchants(b, rng);
  if (scenario === 'demo' || scenario === 'hostile') generateDemo(b, a, bm, c);
  if (scenario === 'large') generateLarge(b, a, bm, c);
  const world = b.build(scenario, seed);
  if (scenario === 'hostile') makeHostile(world);
  return world;
}

function phoneOf(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + rng.digits(8);
}

/** The three merchants of the demo accounts (accounts.ts), in every scenario. */
export function coreMerchants(b: WorldBuilder, rng: Rng): [MerchantRecord, MerchantRecord, MerchantRecord] {
  return [
    b.merchant({ id: MERCHANT_A, name: '杭州西湖区悦来便利店', phone: phoneOf(rng), payoutMode: 'T1' }),
    b.merchant({
      id: MERCHANT_B,
      name: '上海徐汇区味香园餐饮管理有限公司',
      phone: phoneOf(rng),
      payoutMode: 'T1',
    }),
    b.merchant({
      id: MERCHANT_C,
      name: '苏州工业园区鲜果时光水果超市',
      phone: phoneOf(rng),
      payoutMode: 'D0',
    }),
  ];
}

// --- demo ------------------------------------------------------------------------------

const NOTABLE_WINDOW = 100 * MINUTE;

function generateDemo(b: WorldBuilder, a: MerchantRecord, bm: MerchantRecord, c: MerchantRecord): void {
  const { rng, now } = b;
  const lastCutoff = nextCutoffAfter(now, DEFAULT_CUTOFF_MINUTE) - DAY;
  const openBatch = (f: number) => lastCutoff + Math.floor((now - lastCutoff) * f);
  /**
   * The last 100 minutes of the open batch, so the sales tests point to stay among the newest rows at any
   * hour.
   */
  const recent = (f: number) => now - Math.floor(Math.min(now - lastCutoff, NOTABLE_WINDOW) * (1 - f));
  const daysAgo = (days: number) => now - days * DAY;
  const random = (changedDaysAgo: number): PinSpec => ({
    pin: policyPin(rng),
    changedAt: daysAgo(changedDaysAgo),
  });
  const known = (changedDaysAgo: number): PinSpec => ({
    pin: DEMO_VOID_PASSWORD,
    changedAt: daysAgo(changedDaysAgo),
    previous: [policyPin(rng)],
  });

  const storeA1 = b.store(a, '悦来便利店(文三路店)', '杭州');
  const storeA2 = b.store(a, '悦来便利店(古荡店)', '杭州');
  const storeA3 = b.store(a, '悦来便利店(黄龙店)', '杭州');
  const storeB1 = b.store(bm, '味香园(漕溪北路店)', '上海');
  const storeB2 = b.store(bm, '味香园(衡山路店)', '上海');
  const storeC1 = b.store(c, '鲜果时光(星湖街店)', '苏州');

  const settledEarlyAt = openBatch(0.5);
  const t = (spec: Omit<TerminalSpec, 'merchantId'>, merchant: MerchantRecord) =>
    b.terminal({ ...spec, merchantId: merchant.id });
  const T = DEMO_TIDS;
  const ts = {
    defaultPassword: t({ tid: T.defaultPassword, storeId: storeA1.id, online: true, pin: null }, a),
    custom: t({ tid: T.custom, storeId: storeA1.id, online: true, pin: known(20) }, a),
    locked: t(
      {
        tid: T.locked,
        storeId: storeA1.id,
        online: true,
        pin: random(40),
        failedAttempts: 5,
        lockedAt: now - 10 * MINUTE,
        lockedUntil: now + 20 * MINUTE,
      },
      a,
    ),
    offline: t(
      { tid: T.offline, storeId: storeA1.id, online: false, lastSeenAt: now - 2 * DAY - 3 * HOUR, pin: null },
      a,
    ),
    openCommand: t(
      { tid: T.openCommand, storeId: storeA2.id, online: false, lastSeenAt: now - 3 * HOUR, pin: random(60) },
      a,
    ),
    stale: t({ tid: T.stalePassword, storeId: storeA2.id, online: true, pin: random(200) }, a),
    burst: t({ tid: T.voidBurst, storeId: storeA2.id, online: true, pin: random(30) }, a),
    failed: t(
      { tid: T.failedAttempts, storeId: storeA2.id, online: true, pin: known(10), failedAttempts: 3 },
      a,
    ),
    settledEarly: t(
      {
        tid: T.settledEarly,
        storeId: storeA3.id,
        online: true,
        pin: random(15),
        manualSettlements: [settledEarlyAt],
      },
      a,
    ),
    a110: t({ tid: '58100110', storeId: storeA3.id, online: true, pin: null }, a),
    a111: t({ tid: '58100111', storeId: storeA3.id, online: true, pin: random(5) }, a),
    unused: t({ tid: T.unused, storeId: storeA3.id, online: true, pin: null }, a),
    b201: t({ tid: T.merchantBCustom, storeId: storeB1.id, online: true, pin: known(25) }, bm),
    b202: t({ tid: '58200202', storeId: storeB1.id, online: true, pin: null }, bm),
    b203: t({ tid: '58200203', storeId: storeB1.id, online: true, pin: random(45) }, bm),
    b204: t(
      { tid: T.merchantBExpired, storeId: storeB2.id, online: false, lastSeenAt: now - 5 * DAY, pin: null },
      bm,
    ),
    b205: t(
      {
        tid: T.merchantBDelivered,
        storeId: storeB2.id,
        online: false,
        lastSeenAt: now - 20 * MINUTE,
        pin: random(70),
      },
      bm,
    ),
    b206: t({ tid: '58200206', storeId: storeB2.id, online: true, pin: null }, bm),
    c301: t({ tid: T.merchantCd0, storeId: storeC1.id, online: true, pin: known(12) }, c),
    c302: t({ tid: '58300302', storeId: storeC1.id, online: true, pin: random(33) }, c),
    c303: t({ tid: '58300303', storeId: storeC1.id, online: true, pin: null }, c),
  };

  const from = shanghaiMidnight(now) - 3 * DAY;
  for (const terminal of b.terminals) {
    if (terminal === ts.unused) continue;
    const perDay =
      terminal.merchantId === a.id
        ? rng.int(4, 10)
        : terminal.merchantId === bm.id
          ? rng.int(3, 8)
          : rng.int(3, 6);
    ordinarySales(b, terminal, {
      count: perDay * 4,
      from,
      operators: terminal.merchantId === a.id ? 3 : 2,
      voidRate: terminal.merchantId === c.id ? 0 : 0.03,
      traceStart: rng.int(1000, 500000),
    });
  }

  // Notable sales with fixed trace numbers (DEMO_TRACE_NOS).
  const notable = (
    terminal: TerminalRecord,
    traceNo: string,
    at: number,
    method: PaymentMethod,
    amount: number,
    outcome: 'approved' | 'declined' = 'approved',
  ) =>
    b.transaction({
      terminal,
      type: 'sale',
      outcome,
      method,
      amount,
      cardLast4: isCardMethod(method) ? String(rng.int(0, 9999)).padStart(4, '0') : undefined,
      traceNo,
      rrn: rrnOf(rng),
      operatorNo: '01',
      createdAt: at,
    });
  const N = DEMO_TRACE_NOS;
  notable(ts.custom, N.voidableSale, recent(0.6), 'card_chip', 12800);
  notable(ts.custom, N.qrSale, recent(0.65), 'wechat_qr', 3650);
  notable(ts.custom, N.declinedSale, recent(0.7), 'card_contactless', 88800, 'declined');
  const voided = notable(ts.custom, N.voidedSale, recent(0.4), 'card_chip', 25600);
  b.voidOf(voided, recent(0.5), '02', N.voidOfVoidedSale);
  notable(ts.custom, N.settledSale, shanghaiMidnight(now) - 2 * DAY + 14 * HOUR, 'card_swipe', 9900);
  notable(ts.c301, N.d0Sale, recent(0.55), 'card_chip', 45600);
  notable(ts.settledEarly, N.settledEarlySale, openBatch(0.25), 'card_contactless', 5800);

  // The void burst: operator 03 voids six sales within 45 minutes of the open batch.
  const voidStart = openBatch(0.3);
  const span = Math.min(45 * MINUTE, Math.floor((now - lastCutoff) * 0.6));
  for (let k = 0; k < 6; k++) {
    const sale = b.transaction({
      terminal: ts.burst,
      type: 'sale',
      outcome: 'approved',
      method: k % 2 === 0 ? 'card_chip' : 'card_contactless',
      amount: rng.int(200, 900) * 100,
      cardLast4: String(rng.int(0, 9999)).padStart(4, '0'),
      traceNo: String(910000 + k * 2),
      rrn: rrnOf(rng),
      operatorNo: '01',
      createdAt: lastCutoff + Math.floor((voidStart - lastCutoff) * ((k + 1) / 7)),
    });
    b.voidOf(sale, voidStart + Math.floor((span * k) / 5), '03', String(910001 + k * 2));
  }

  demoHistory(b, ts, { a, bm });
}

type DemoTerminals = Record<string, TerminalRecord>;

function demoHistory(
  b: WorldBuilder,
  ts: DemoTerminals,
  merchants: { a: MerchantRecord; bm: MerchantRecord },
): void {
  const { rng, now } = b;
  const pinHash = (terminal: TerminalRecord) => saltedHash(terminal.voidPassword.salt, policyPin(rng));
  const byMerchant = (terminal: TerminalRecord) =>
    terminal.merchantId === merchants.a.id
      ? { name: '王建国', id: 'usr_owner', username: 'owner' }
      : { name: '赵敏', id: 'usr_owner2', username: 'owner2' };

  // Every custom PIN got there by an applied change command.
  for (const terminal of b.terminals) {
    const { changedAt } = terminal.voidPassword;
    if (changedAt === null) continue;
    const owner = byMerchant(terminal);
    const requestedAt = changedAt - rng.int(5, 29) * SECOND;
    b.command({
      tid: terminal.tid,
      merchantId: terminal.merchantId,
      kind: 'change',
      status: 'applied',
      requestedBy: owner.name,
      requestedByUserId: owner.id,
      requestedAt,
      deliveredAt: changedAt,
      appliedAt: changedAt,
      expiresAt: requestedAt + COMMAND_TTL_MS,
      basePasswordVersion: 0,
    });
    b.auditEvent({
      at: requestedAt,
      actor: owner.username,
      actorRole: 'owner',
      action: 'void_password.change_requested',
      merchantId: terminal.merchantId,
      tid: terminal.tid,
      target: terminal.tid,
      outcome: 'success',
    });
    b.auditEvent({
      at: changedAt,
      actor: terminal.tid,
      actorRole: 'terminal',
      action: 'void_password.applied',
      merchantId: terminal.merchantId,
      tid: terminal.tid,
      target: terminal.tid,
      outcome: 'success',
    });
  }

  // Open: a support reset queued for an offline terminal an hour ago.
  const queuedAt = now - HOUR;
  b.command({
    tid: ts.openCommand!.tid,
    merchantId: ts.openCommand!.merchantId,
    kind: 'reset',
    status: 'queued',
    requestedBy: '陈晓',
    requestedByUserId: 'usr_support',
    requestedAt: queuedAt,
    expiresAt: queuedAt + COMMAND_TTL_MS,
    newHash: pinHash(ts.openCommand!),
    basePasswordVersion: ts.openCommand!.voidPassword.version,
    ticketId: 'TK-20240611-0387',
    reason: '店长遗忘撤销密码,来电申请重置',
  });
  b.auditEvent({
    at: queuedAt,
    actor: 'support',
    actorRole: 'support',
    action: 'void_password.reset_requested',
    merchantId: merchants.a.id,
    tid: ts.openCommand!.tid,
    target: ts.openCommand!.tid,
    outcome: 'success',
    ticketId: 'TK-20240611-0387',
    reason: '店长遗忘撤销密码,来电申请重置',
  });

  // Cancelled: an owner changed their mind two days ago.
  const cancelledAt = now - 2 * DAY;
  b.command({
    tid: ts.defaultPassword!.tid,
    merchantId: merchants.a.id,
    kind: 'change',
    status: 'cancelled',
    requestedBy: '王建国',
    requestedByUserId: 'usr_owner',
    requestedAt: cancelledAt - 40 * SECOND,
    cancelledAt,
    expiresAt: cancelledAt - 40 * SECOND + COMMAND_TTL_MS,
    basePasswordVersion: 0,
  });
  b.auditEvent({
    at: cancelledAt,
    actor: 'owner',
    actorRole: 'owner',
    action: 'command.cancelled',
    merchantId: merchants.a.id,
    tid: ts.defaultPassword!.tid,
    target: ts.defaultPassword!.tid,
    outcome: 'success',
  });

  // Expired: a reset the long-offline terminal never picked up.
  const expiredRequestedAt = now - 4 * DAY - 12 * HOUR;
  b.command({
    tid: ts.b204!.tid,
    merchantId: merchants.bm.id,
    kind: 'reset',
    status: 'expired',
    requestedBy: '赵敏',
    requestedByUserId: 'usr_owner2',
    requestedAt: expiredRequestedAt,
    expiresAt: expiredRequestedAt + COMMAND_TTL_MS,
    basePasswordVersion: 0,
  });
  b.auditEvent({
    at: expiredRequestedAt + COMMAND_TTL_MS,
    actor: 'system',
    actorRole: 'system',
    action: 'command.expired',
    merchantId: merchants.bm.id,
    tid: ts.b204!.tid,
    target: ts.b204!.tid,
    outcome: 'failure',
  });

  // Delivered: the terminal took the command, then dropped off before applying it.
  const deliveredRequestedAt = now - 25 * MINUTE;
  b.command({
    tid: ts.b205!.tid,
    merchantId: merchants.bm.id,
    kind: 'change',
    status: 'delivered',
    requestedBy: '赵敏',
    requestedByUserId: 'usr_owner2',
    requestedAt: deliveredRequestedAt - 20 * SECOND,
    deliveredAt: deliveredRequestedAt,
    expiresAt: deliveredRequestedAt - 20 * SECOND + COMMAND_TTL_MS,
    newHash: pinHash(ts.b205!),
    basePasswordVersion: ts.b205!.voidPassword.version,
  });

  // Failed: the PIN was changed at the terminal while a remote change waited.
  const failedAt = now - 6 * DAY;
  b.command({
    tid: ts.failed!.tid,
    merchantId: merchants.a.id,
    kind: 'change',
    status: 'failed',
    requestedBy: '王建国',
    requestedByUserId: 'usr_owner',
    requestedAt: failedAt - 30 * SECOND,
    deliveredAt: failedAt,
    failureReason: 'password_changed_at_terminal',
    expiresAt: failedAt - 30 * SECOND + COMMAND_TTL_MS,
    basePasswordVersion: 0,
  });

  // Wrong PINs at the locked terminal, then its lockout.
  const locked = ts.locked!;
  for (let i = 0; i < 5; i++) {
    b.auditEvent({
      at: now - 14 * MINUTE + i * 50 * SECOND,
      actor: `${locked.tid}/02`,
      actorRole: 'terminal',
      action: 'void_password.wrong_attempt',
      merchantId: locked.merchantId,
      tid: locked.tid,
      target: locked.tid,
      outcome: 'failure',
    });
  }
  b.auditEvent({
    at: now - 10 * MINUTE,
    actor: 'system',
    actorRole: 'system',
    action: 'void_password.locked',
    merchantId: locked.merchantId,
    tid: locked.tid,
    target: locked.tid,
    outcome: 'failure',
  });
  for (let i = 0; i < 3; i++) {
    b.auditEvent({
      at: now - 2 * HOUR + i * 40 * SECOND,
      actor: `${ts.failed!.tid}/01`,
      actorRole: 'terminal',
      action: 'void_password.wrong_attempt',
      merchantId: merchants.a.id,
      tid: ts.failed!.tid,
      target: ts.failed!.tid,
      outcome: 'failure',
    });
  }

  // Sign-ins and an export over the past days.
  for (let day = 3; day >= 1; day--) {
    const at = shanghaiMidnight(now) - day * DAY + 9 * HOUR + rng.int(0, 50) * MINUTE;
    b.auditEvent({
      at,
      actor: 'owner',
      actorRole: 'owner',
      action: 'auth.login',
      merchantId: merchants.a.id,
      tid: null,
      target: 'owner',
      outcome: 'success',
    });
    b.auditEvent({
      at: at + 3 * HOUR,
      actor: 'cashier',
      actorRole: 'cashier',
      action: 'auth.login',
      merchantId: merchants.a.id,
      tid: null,
      target: 'cashier',
      outcome: 'success',
    });
  }
  const failedLogin = shanghaiMidnight(now) - DAY + 21 * HOUR;
  b.auditEvent({
    at: failedLogin,
    actor: 'owner',
    actorRole: 'owner',
    action: 'auth.login_failed',
    merchantId: merchants.a.id,
    tid: null,
    target: 'owner',
    outcome: 'failure',
  });
  b.auditEvent({
    at: failedLogin + 20 * SECOND,
    actor: 'owner',
    actorRole: 'owner',
    action: 'auth.login',
    merchantId: merchants.a.id,
    tid: null,
    target: 'owner',
    outcome: 'success',
  });
  b.auditEvent({
    at: failedLogin + 5 * MINUTE,
    actor: 'owner',
    actorRole: 'owner',
    action: 'transactions.exported',
    merchantId: merchants.a.id,
    tid: null,
    target: 'transactions',
    outcome: 'success',
  });
}

// --- large -----------------------------------------------------------------------------

/** A merchant of the long tail: a new MID (not in `usedMids`, which it joins), a name from a city. */
export function tailMerchant(b: WorldBuilder, usedMids: Set<string>): MerchantRecord {
  const { rng } = b;
  let id: string;
  do id = `8223${rng.digits(11)}`;
  while (usedMids.has(id));
  usedMids.add(id);
  const place = rng.pick(CITIES);
  return b.merchant({
    id,
    name: `${place.city}${rng.pick(place.districts)}${rng.pick(BRAND_WORDS)}${rng.pick(BUSINESS_KINDS)}`,
    phone: phoneOf(rng),
    payoutMode: rng.chance(0.15) ? 'D0' : 'T1',
  });
}

export interface FleetOptions {
  /** The merchants of `coreMerchants`, whose brands and cities are fixed. */
  core: readonly [MerchantRecord, MerchantRecord, MerchantRecord];
  terminals: number;
  stores: number;
  /** Sales since. */
  from: number;
  nextTid: () => string;
  /** How many sales to draw for the next terminal (some fall outside business hours and are dropped). */
  salesCount: (rng: Rng) => number;
  /** Called after each terminal with its sales and command: a streamed seed writes and drains there. */
  afterTerminal?: (terminal: TerminalRecord) => void;
}

/**
 * A merchant's stores and terminals as `large` makes them: a few offline or locked, most with a PIN, each
 * with its sales since `from`, and a queued reset for some of the offline ones.
 */
export function merchantFleet(b: WorldBuilder, merchant: MerchantRecord, options: FleetOptions): void {
  const { rng, now } = b;
  const [a, bm, c] = options.core;
  const { from } = options;
  const brand =
    merchant === a
      ? '悦来便利店'
      : merchant === bm
        ? '味香园'
        : merchant === c
          ? '鲜果时光'
          : `${rng.pick(BRAND_WORDS)}${rng.pick(BUSINESS_KINDS)}`;
  const place =
    merchant === a ? CITIES[0] : merchant === bm ? CITIES[1] : merchant === c ? CITIES[2] : rng.pick(CITIES);
  const storeList: StoreRecord[] = [];
  const usedNames = new Set<string>();
  for (let s = 0; s < options.stores; s++) {
    let name = `${brand}(${rng.pick(place.roads)}店)`;
    for (let n = 2; usedNames.has(name); n++) name = `${brand}(${rng.pick(place.roads)}${n}号店)`;
    usedNames.add(name);
    storeList.push(b.store(merchant, name, place.city));
  }
  for (let i = 0; i < options.terminals; i++) {
    const online = !rng.chance(0.03);
    const pinRoll = rng.next();
    const pin: PinSpec | null =
      pinRoll < 0.1
        ? null
        : { pin: policyPin(rng), changedAt: now - rng.int(1, pinRoll > 0.95 ? 400 : 85) * DAY };
    const locked = pin !== null && rng.chance(0.003);
    const lockedAt = now - rng.int(1, 25) * MINUTE;
    const terminal = b.terminal({
      tid: options.nextTid(),
      merchantId: merchant.id,
      storeId: storeList[i % storeList.length]!.id,
      online,
      lastSeenAt: online ? undefined : now - rng.int(10, 60 * 72) * MINUTE,
      pin,
      failedAttempts: locked ? 5 : rng.chance(0.02) ? rng.int(1, 4) : 0,
      lockedAt: locked ? lockedAt : undefined,
      lockedUntil: locked ? lockedAt + 30 * MINUTE : undefined,
    });
    ordinarySales(b, terminal, {
      count: options.salesCount(rng),
      from,
      operators: rng.int(1, 4),
      voidRate: merchant.payoutMode === 'D0' ? 0 : 0.03,
      traceStart: rng.int(1000, 800000),
    });
    if (!online && rng.chance(0.2)) {
      const requestedAt = Math.max(terminal.lastSeenAt, now - 60 * HOUR) + rng.int(1, 60) * MINUTE;
      if (requestedAt < now) {
        b.command({
          tid: terminal.tid,
          merchantId: merchant.id,
          kind: 'reset',
          status: 'queued',
          requestedBy: '陈晓',
          requestedByUserId: 'usr_support',
          requestedAt,
          expiresAt: requestedAt + COMMAND_TTL_MS,
          newHash: saltedHash(terminal.voidPassword.salt, policyPin(rng)),
          basePasswordVersion: terminal.voidPassword.version,
          ticketId: `TK-${rng.digits(8)}`,
          reason: '商户申请重置撤销密码',
        });
      }
    }
    options.afterTerminal?.(terminal);
  }
}

function generateLarge(b: WorldBuilder, a: MerchantRecord, bm: MerchantRecord, c: MerchantRecord): void {
  const { rng, now } = b;
  const usedMids = new Set([a.id, bm.id, c.id]);
  const merchants: { merchant: MerchantRecord; terminals: number; stores: number }[] = [
    { merchant: a, terminals: 7000, stores: 280 },
    { merchant: bm, terminals: 2000, stores: 60 },
    { merchant: c, terminals: 500, stores: 20 },
  ];
  for (let i = 0; i < 160; i++) {
    const merchant = tailMerchant(b, usedMids);
    merchants.push({ merchant, terminals: rng.int(2, 8), stores: rng.int(1, 2) });
  }

  const from = shanghaiMidnight(now) - 2 * DAY;
  let tidSeq = 61000000;
  for (const { merchant, terminals, stores } of merchants) {
    merchantFleet(b, merchant, {
      core: [a, bm, c],
      terminals,
      stores,
      from,
      nextTid: () => String(tidSeq++),
      salesCount: (r) => r.int(17, 27),
    });
  }
}
