import {
  CHECK_IN_INTERVAL_MAX_SECONDS,
  CHECK_IN_INTERVAL_MIN_SECONDS,
  type CommandAck,
  type OpenBatch,
  type SettleResponse,
  type TerminalCommand,
  TerminalErrorCode,
} from '@contract/terminal-protocol';
import type { VoidPasswordRule } from '@contract/void-password-policy';
import type { ActivationCode } from './credentials-file';
import {
  credentialOf,
  newTerminalKeys,
  type ProtocolClient,
  type TerminalCredential,
  TerminalProtocolError,
  TerminalUnreachableError,
} from './protocol-client';
import {
  FACTORY_VOID_PASSWORD,
  isCardMethod,
  type JournalEntry,
  type PinChangeReason,
  type PinCheck,
  type SaleInput,
  type SavedTerminal,
  TerminalState,
} from './terminal-state';

/** One line of the emulator's output. Never a key, PIN, verifier or activation code. */
export interface FleetLogLine {
  at: string;
  tid?: string;
  event: string;
  [field: string]: unknown;
}

export interface FleetMember {
  terminal: TerminalState;
  /** Null once spent, or when the terminal came with a key from the state file. */
  activationCode: string | null;
}

export interface FleetOptions {
  client: ProtocolClient;
  members: FleetMember[];
  /** Persists the terminals (their keys and PINs); called after each change worth surviving a restart. */
  save: (terminals: TerminalState[]) => Promise<void>;
  log: (line: FleetLogLine) => void;
  /** Activations under way at once, so a large fleet does not arrive in one burst. */
  activationConcurrency?: number;
  /** False checks every terminal in at once when it starts (for tests); normally spread over the interval. */
  spreadFirstCheckIns?: boolean;
  /** Sales rung up by themselves, as a shop's day brings them; none when absent. */
  trading?: Trading;
}

/** How busy the emulated shops are. */
export interface Trading {
  /** Sales per terminal per hour in the day (fewer at night). */
  salesPerHour: number;
  /** Of the sales, how many are voided soon after (when the operator knows the PIN). */
  voidShare: number;
  random?: () => number;
}

/** Refusals no later request can overcome: the terminal stops, the others go on. */
const FINAL_REFUSALS = new Set<string>([
  TerminalErrorCode.revoked,
  TerminalErrorCode.unknown,
  TerminalErrorCode.badSignature,
  TerminalErrorCode.badActivationCode,
]);

type RequestName = 'activate' | 'check_in' | 'ack' | 'void_password' | 'upload' | 'settle';

/** What came of `Fleet.changePin`, for its caller to print. Never holds the PIN. */
export type PinChangeResult =
  | { outcome: 'accepted'; tid: string; reason: PinChangeReason; changedAt: string }
  /** The new PIN breaks the policy; nothing was sent. */
  | { outcome: 'refused_locally'; tid: string; rules: VoidPasswordRule[] }
  /**
   * The acquirer's refusal: a 422 with a PIN code (`pin.reused`…), a 401 with a `terminal.*` one, or any
   * other problem; `detail` in words, with the new PIN masked should it be quoted.
   */
  | {
      outcome: 'refused_by_acquirer';
      tid: string;
      status: number;
      code: string | null;
      detail: string | null;
    }
  /** The current PIN typed did not check out (counted as a wrong PIN at the terminal). */
  | { outcome: 'wrong_pin'; tid: string }
  /** Too many wrong PINs in a row: voids and changes wait until then (milliseconds since the epoch). */
  | { outcome: 'locked'; tid: string; lockedUntil: number }
  /**
   * No answer. If it was a timeout the acquirer may have taken the change while the terminal kept its old
   * PIN; choosing another new PIN settles it either way (the same one would be refused as reused).
   */
  | { outcome: 'unreachable'; tid: string; reason: string }
  /** No such terminal in this fleet, one without a key, or one this run stopped. */
  | { outcome: 'unavailable'; tid: string; why: 'unknown_terminal' | 'not_activated' | 'halted' };

type Unavailable = {
  outcome: 'unavailable';
  tid: string;
  why: 'unknown_terminal' | 'not_activated' | 'halted' | 'no_batch';
};
type Refused = {
  outcome: 'refused';
  tid: string;
  status: number;
  code: string | null;
  detail: string | null;
};
type Unreachable = { outcome: 'unreachable'; tid: string; reason: string };

/** What came of a sale rung up (`Fleet.sell`). `stored`: the acquirer did not answer; it goes again later. */
export type SaleResult =
  { outcome: 'accepted' | 'duplicate' | 'stored'; tid: string; sale: JournalEntry } | Refused | Unavailable;

/** What came of a void (`Fleet.voidSale`). Never holds the PIN. */
export type VoidResult =
  | { outcome: 'voided'; tid: string; sale: JournalEntry; void: JournalEntry }
  | { outcome: 'not_found'; tid: string; traceNo: string }
  | { outcome: 'already_voided'; tid: string; sale: JournalEntry }
  /** The PIN typed: wrong, locked, or temporary (to be changed first). */
  | { outcome: 'pin'; tid: string; check: Exclude<PinCheck, 'ok'>; lockedUntil: number | null }
  /** The acquirer refused the void: `code` is `void.<reason>` (the dashboard's reasons). */
  | Refused
  | Unreachable
  | Unavailable;

export type SettleResult =
  { outcome: 'settled'; tid: string; answer: SettleResponse } | Refused | Unreachable | Unavailable;

const SALE_METHODS: [SaleInput['method'], number][] = [
  ['card_chip', 0.25],
  ['card_contactless', 0.25],
  ['card_swipe', 0.05],
  ['wechat_qr', 0.25],
  ['alipay_qr', 0.15],
  ['unionpay_qr', 0.05],
];

/** A plausible sale: card or QR, mostly small amounts, now and then a large one (in fen). */
function saleOf(random: () => number): SaleInput {
  let pick = random();
  let method: SaleInput['method'] = 'card_chip';
  for (const [candidate, share] of SALE_METHODS) {
    method = candidate;
    if ((pick -= share) < 0) break;
  }
  const yuan = Math.exp(Math.log(5) + random() * Math.log(2000 / 5));
  return { method, amount: Math.max(100, Math.round(yuan * 100)), operatorNo: random() < 0.8 ? '01' : '02' };
}

/** Why a terminal sends nothing more in this run. */
export type HaltReason = 'not_activated' | 'revoked' | 'refused';

/** A request that got no answer, or a refusal; never the body sent. */
export interface RequestFailure {
  request: RequestName;
  /** Null when no answer came. */
  status: number | null;
  code: string | null;
  /** A system error code (ECONNREFUSED…), 'timeout', or the acquirer's detail (not for an activation's). */
  reason: string | null;
}

/** What came of a command delivered at a check-in, or of one whose acknowledgement was still unanswered. */
export interface CommandReport {
  id: string;
  /**
   * `applied`: installed and confirmed; `withdrawn`: cancelled at the acquirer meanwhile, the PIN before it is
   * back; `failed`: not installed (expired, unusable verifier) and acknowledged so; `unanswered`: installed,
   * its acknowledgement goes again at the next check-in.
   */
  result: 'applied' | 'withdrawn' | 'failed' | 'unanswered';
  /** Whether the PIN the terminal now holds is temporary. */
  temporary: boolean;
  /** Why it failed here: `expired` or `invalid_verifier`. */
  reason?: string;
  /** A firmware update's release (`update_firmware`). */
  firmware?: string;
}

/** What came of one check-in (`Fleet.checkInNow`). */
export type CheckInReport =
  | {
      outcome: 'checked_in';
      tid: string;
      at: string;
      nextCheckInSeconds: number;
      wrongPinsReported: number;
      /** An earlier command's acknowledgement, settled before checking in. */
      settled: CommandReport | null;
      command: CommandReport | null;
    }
  | { outcome: 'failed'; tid: string; failure: RequestFailure; halted: HaltReason | null }
  | {
      outcome: 'unavailable';
      tid: string;
      why: 'unknown_terminal' | 'halted' | 'stopped';
      halted?: HaltReason;
    };

/** What one terminal did in this run, for a person to read. Never a secret. */
export interface TerminalActivity {
  /** The last check-in the acquirer answered in this run. */
  lastCheckInAt: string | null;
  /** When the next one is due (milliseconds since the epoch); null while one is under way, or stopped. */
  nextCheckInAt: number | null;
  halted: HaltReason | null;
  lastCommand: (CommandReport & { at: string }) | null;
  /** The last request that failed, cleared by the next check-in answered. */
  lastFailure: (RequestFailure & { at: string }) | null;
}

function failureOf(request: RequestName, error: unknown): RequestFailure {
  if (error instanceof TerminalProtocolError) {
    const quotesBody = request === 'activate' || request === 'void_password';
    return {
      request,
      status: error.status,
      code: error.code,
      reason: quotesBody ? null : error.detail,
    };
  }
  if (error instanceof TerminalUnreachableError) {
    return { request, status: null, code: null, reason: error.reason };
  }
  return { request, status: null, code: null, reason: 'emulator_error' };
}

/** A refusal of the PIN itself rather than of the request: reported as such, not as a failed request. */
const PIN_REFUSAL_STATUSES = new Set([422, 423]);

function masked(text: string | null, pin: string): string | null {
  return text === null || pin === '' ? text : text.split(pin).join('•'.repeat([...pin].length));
}

/**
 * The terminals chosen for this run, in the codes file's order and then the state file's: saved ones keep
 * their key, PIN and counters; new ones start from the factory and are activated with their code.
 */
export async function assembleFleet(options: {
  saved: SavedTerminal[];
  codes: ActivationCode[];
  merchantId?: string;
  count?: number;
}): Promise<FleetMember[]> {
  const savedByTid = new Map(options.saved.map((terminal) => [terminal.tid, terminal]));
  const codeByTid = new Map(options.codes.map((code) => [code.tid, code]));
  const tids = [...new Set([...codeByTid.keys(), ...savedByTid.keys()])].filter((tid) => {
    if (options.merchantId === undefined) return true;
    const merchantId = savedByTid.get(tid)?.merchantId ?? codeByTid.get(tid)?.merchantId;
    return merchantId === options.merchantId;
  });
  const chosen = tids.slice(0, options.count ?? tids.length);
  return Promise.all(
    chosen.map(async (tid) => {
      const saved = savedByTid.get(tid);
      const code = codeByTid.get(tid);
      const terminal = saved
        ? TerminalState.restore(saved)
        : await TerminalState.create(tid, code?.merchantId ?? null, code?.firmware ?? undefined);
      // A terminal with a key checks in with it; its code in the file is most likely the one it spent.
      const activationCode = terminal.privateKeyPem === null ? (code?.activationCode ?? null) : null;
      return { terminal, activationCode };
    }),
  );
}

export class Fleet {
  readonly #options: FleetOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Terminals that will send nothing more in this run, and why. */
  readonly #halted = new Map<string, HaltReason>();
  /** When each scheduled check-in is due (milliseconds since the epoch). */
  readonly #due = new Map<string, number>();
  readonly #activity = new Map<string, TerminalActivity>();
  /** Per terminal, the end of the work queued for it: a PIN change never interleaves with a check-in. */
  readonly #turns = new Map<string, Promise<void>>();
  #stopping = false;
  #saving: Promise<void> = Promise.resolve();

  constructor(options: FleetOptions) {
    this.#options = options;
  }

  get members(): readonly FleetMember[] {
    return this.#options.members;
  }

  /** Activates those without a key, then starts the check-ins, spread over the interval. */
  async start(): Promise<void> {
    const members = this.#options.members;
    this.#log('fleet_started', undefined, { terminals: members.length });
    const waiting = members.filter((member) => member.terminal.privateKeyPem === null);
    const workers = Array.from(
      { length: Math.min(this.#options.activationConcurrency ?? 4, waiting.length) },
      async () => {
        for (let member = waiting.shift(); member && !this.#stopping; member = waiting.shift()) {
          await this.#track(this.#inTurn(member, () => this.#activateOrHalt(member)));
        }
      },
    );
    await Promise.all(workers);
    await this.#save();
    const running = members.filter((member) => !this.#halted.has(member.terminal.tid));
    const spread = this.#options.spreadFirstCheckIns ?? true;
    running.forEach((member, index) => {
      // Spread, so that a thousand terminals do not all check in in the same second, every interval.
      const share = spread ? index / running.length : 0;
      this.#schedule(member, Math.floor(share * member.terminal.checkInIntervalSeconds * 1000));
    });
  }

  /** Stops the timers, lets the requests under way finish, and saves. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#due.clear();
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    await this.#save();
    this.#log('fleet_stopped');
  }

  #schedule(member: FleetMember, delayMs: number): void {
    const tid = member.terminal.tid;
    if (this.#stopping || this.#halted.has(tid)) return;
    // One timer per terminal, even when a check-in asked for (`checkInNow`) ran beside a scheduled one.
    clearTimeout(this.#timers.get(tid));
    const timer = setTimeout(() => {
      this.#timers.delete(tid);
      this.#due.delete(tid);
      void this.#track(this.#inTurn(member, () => this.#cycle(member)));
    }, delayMs);
    this.#timers.set(tid, timer);
    this.#due.set(tid, Date.now() + delayMs);
  }

  /** What terminal `tid` did in this run; null for a terminal not in this fleet. */
  activity(tid: string): TerminalActivity | null {
    if (!this.#member(tid)) return null;
    const activity = this.#activity.get(tid);
    return {
      lastCheckInAt: activity?.lastCheckInAt ?? null,
      nextCheckInAt: this.#due.get(tid) ?? null,
      halted: this.#halted.get(tid) ?? null,
      lastCommand: activity?.lastCommand ? { ...activity.lastCommand } : null,
      lastFailure: activity?.lastFailure ? { ...activity.lastFailure } : null,
    };
  }

  /**
   * Checks terminal `tid` in now, after whatever is under way for it, and starts its interval again from
   * there. Activates it first if it has no key yet and still has its code.
   */
  checkInNow(tid: string): Promise<CheckInReport> {
    const member = this.#member(tid);
    if (!member) return Promise.resolve({ outcome: 'unavailable', tid, why: 'unknown_terminal' });
    if (this.#stopping) return Promise.resolve({ outcome: 'unavailable', tid, why: 'stopped' });
    const halted = this.#halted.get(tid);
    if (halted) return Promise.resolve({ outcome: 'unavailable', tid, why: 'halted', halted });
    clearTimeout(this.#timers.get(tid));
    this.#timers.delete(tid);
    this.#due.delete(tid);
    return this.#track(this.#inTurn(member, () => this.#cycle(member)));
  }

  /**
   * A PIN typed at terminal `tid` (for a void, or before changing it): checked at once, without waiting for
   * a check-in under way, and saved, so that the wrong ones and a lock survive a restart.
   */
  async checkPin(tid: string, pin: string, now: number = Date.now()): Promise<PinCheck> {
    const member = this.#member(tid);
    if (!member) throw new RangeError(`No terminal ${tid} in this fleet.`);
    const check = await member.terminal.checkPin(pin, now);
    await this.#save();
    return check;
  }

  #member(tid: string): FleetMember | undefined {
    return this.#options.members.find((candidate) => candidate.terminal.tid === tid);
  }

  #note(
    tid: string,
    change: Partial<Pick<TerminalActivity, 'lastCheckInAt' | 'lastCommand' | 'lastFailure'>>,
  ): void {
    const activity = this.#activity.get(tid) ?? {
      lastCheckInAt: null,
      nextCheckInAt: null,
      halted: null,
      lastCommand: null,
      lastFailure: null,
    };
    this.#activity.set(tid, { ...activity, ...change });
  }

  /**
   * A void password set at terminal `tid` by its operator, who typed `currentPin` and `newPin`: checked here
   * (the current PIN, then the policy), sent to the acquirer, and kept only once the acquirer took it. The
   * state file is saved afterwards; the log gets `void_password_changed` (or the refusal), never a PIN.
   */
  changePin(tid: string, currentPin: string, newPin: string): Promise<PinChangeResult> {
    return this.#inTurnOf(tid, (member) => this.#changePin(member, currentPin, newPin));
  }

  async #changePin(member: FleetMember, currentPin: string, newPin: string): Promise<PinChangeResult> {
    const terminal = member.terminal;
    const tid = terminal.tid;
    if (this.#halted.has(tid)) return { outcome: 'unavailable', tid, why: 'halted' };
    const privateKeyPem = terminal.privateKeyPem;
    if (privateKeyPem === null) return { outcome: 'unavailable', tid, why: 'not_activated' };
    const credential = credentialOf(tid, privateKeyPem);
    let result: PinChangeResult;
    try {
      const change = await terminal.changePin(currentPin, newPin, (body) =>
        this.#options.client.changeVoidPassword(credential, body),
      );
      switch (change.result) {
        case 'changed':
          result = { outcome: 'accepted', tid, reason: change.reason, changedAt: change.answer.changedAt };
          this.#log('void_password_changed', terminal, { reason: change.reason });
          break;
        case 'refused':
          result = { outcome: 'refused_locally', tid, rules: change.rules };
          this.#log('void_password_refused', terminal, { by: 'terminal', rules: change.rules });
          break;
        case 'wrong_pin':
          result = { outcome: 'wrong_pin', tid };
          this.#log('void_password_refused', terminal, { by: 'terminal', why: 'wrong_pin' });
          break;
        case 'locked':
          result = { outcome: 'locked', tid, lockedUntil: change.lockedUntil };
          this.#log('void_password_refused', terminal, { by: 'terminal', why: 'locked' });
          break;
      }
    } catch (error) {
      if (error instanceof TerminalProtocolError) {
        result = {
          outcome: 'refused_by_acquirer',
          tid,
          status: error.status,
          code: error.code,
          detail: masked(error.detail, newPin),
        };
        if (PIN_REFUSAL_STATUSES.has(error.status)) {
          this.#log('void_password_refused', terminal, {
            by: 'acquirer',
            status: error.status,
            code: error.code,
          });
        } else {
          this.#failed(member, 'void_password', error);
        }
      } else if (error instanceof TerminalUnreachableError) {
        result = { outcome: 'unreachable', tid, reason: error.reason };
        this.#failed(member, 'void_password', error);
      } else {
        throw error;
      }
    }
    // Also after a refusal: a wrong current PIN counts towards the lock, which must survive a restart.
    await this.#save();
    return result;
  }

  /** The acquirer's time now, as this terminal keeps it (set by the acquirer's clock). */
  #now(): number {
    return Date.now() + this.#options.client.clockOffsetMs;
  }

  /** The member's credential, or why it cannot send now. */
  #ready(tid: string): { member: FleetMember; credential: TerminalCredential } | Unavailable {
    const member = this.#member(tid);
    if (!member) return { outcome: 'unavailable', tid, why: 'unknown_terminal' };
    if (this.#halted.has(tid)) return { outcome: 'unavailable', tid, why: 'halted' };
    const pem = member.terminal.privateKeyPem;
    if (pem === null) return { outcome: 'unavailable', tid, why: 'not_activated' };
    if (member.terminal.batch === null) return { outcome: 'unavailable', tid, why: 'no_batch' };
    return { member, credential: credentialOf(tid, pem) };
  }

  #refusedOrUnreachable(member: FleetMember, request: RequestName, error: unknown): Refused | Unreachable {
    const tid = member.terminal.tid;
    this.#failed(member, request, error);
    if (error instanceof TerminalProtocolError) {
      return { outcome: 'refused', tid, status: error.status, code: error.code, detail: error.detail };
    }
    if (error instanceof TerminalUnreachableError)
      return { outcome: 'unreachable', tid, reason: error.reason };
    throw error;
  }

  /** A sale rung up at terminal `tid` now, uploaded at once; kept to send again if the acquirer does not answer. */
  sell(tid: string, input: SaleInput): Promise<SaleResult> {
    return this.#inTurnOf(tid, async (member) => {
      const ready = this.#ready(tid);
      if ('outcome' in ready) return ready;
      const sale = member.terminal.ringUp(input, this.#now())!;
      const result = await this.#upload(member, ready.credential, sale);
      await this.#save();
      return result;
    });
  }

  async #upload(
    member: FleetMember,
    credential: TerminalCredential,
    sale: JournalEntry,
  ): Promise<SaleResult> {
    const terminal = member.terminal;
    const { upload: _upload, voided: _voided, ...body } = sale;
    try {
      const answer = await this.#options.client.uploadTransaction(credential, body);
      terminal.uploaded(sale, 'uploaded');
      this.#log('sale', terminal, {
        traceNo: sale.traceNo,
        amount: sale.amount,
        method: sale.method,
        result: answer.result,
      });
      return { outcome: answer.result, tid: terminal.tid, sale };
    } catch (error) {
      const failed = this.#refusedOrUnreachable(member, 'upload', error);
      if (failed.outcome === 'unreachable') return { outcome: 'stored', tid: terminal.tid, sale };
      // Refused for good (a clash of trace numbers, say): it is not sent again.
      terminal.uploaded(sale, 'refused');
      return failed;
    }
  }

  /**
   * A void at terminal `tid` of the open batch's sale `traceNo`: the sale looked up, the PIN checked here
   * (the terminal holds a verifier, never the PIN), then the void authorised online by the acquirer under
   * its rules. A void the acquirer did not answer is dropped (never sent later): try again.
   */
  voidSale(tid: string, traceNo: string, pin: string): Promise<VoidResult> {
    return this.#inTurnOf(tid, (member) => this.#voidSale(member, traceNo, pin));
  }

  async #voidSale(member: FleetMember, traceNo: string, pin: string): Promise<VoidResult> {
    const terminal = member.terminal;
    const tid = terminal.tid;
    const ready = this.#ready(tid);
    if ('outcome' in ready) return ready;
    const sale = terminal.sale(traceNo);
    if (!sale || sale.upload === 'refused') return { outcome: 'not_found', tid, traceNo };
    if (sale.voided) return { outcome: 'already_voided', tid, sale };
    const check = await terminal.checkPin(pin, Date.now());
    await this.#save();
    if (check !== 'ok') return { outcome: 'pin', tid, check, lockedUntil: terminal.lockedUntil };
    if (sale.upload === 'pending') {
      // The acquirer must know the sale before it can void it.
      const sent = await this.#upload(member, ready.credential, sale);
      if (sent.outcome === 'stored') return { outcome: 'unreachable', tid, reason: 'sale_not_uploaded' };
      if (sent.outcome !== 'accepted' && sent.outcome !== 'duplicate')
        return { outcome: 'not_found', tid, traceNo };
    }
    const entry = terminal.voidOf(sale, this.#now());
    const { upload: _upload, voided: _voided, ...body } = entry;
    let result: VoidResult;
    try {
      await this.#options.client.uploadTransaction(ready.credential, body);
      terminal.uploaded(entry, 'uploaded');
      this.#log('void', terminal, {
        traceNo: entry.traceNo,
        originalTraceNo: sale.traceNo,
        amount: entry.amount,
      });
      result = { outcome: 'voided', tid, sale, void: entry };
    } catch (error) {
      const failed = this.#refusedOrUnreachable(member, 'upload', error);
      if (failed.outcome === 'unreachable') terminal.dropVoid(entry);
      else terminal.uploaded(entry, 'refused');
      if (failed.outcome === 'refused') {
        this.#log('void_refused', terminal, { originalTraceNo: sale.traceNo, code: failed.code });
      }
      result = failed;
    }
    await this.#save();
    return result;
  }

  /** Terminal `tid` settles its open batch now (before the cutoff), with its own totals to reconcile. */
  settle(tid: string): Promise<SettleResult> {
    return this.#inTurnOf(tid, async (member) => {
      const ready = this.#ready(tid);
      if ('outcome' in ready) return ready;
      // Sales still to upload go first: the batch's totals must hold them.
      await this.#forward(member, ready.credential);
      const totals = member.terminal.totals(member.terminal.batch!.batchNo);
      const result = await this.#settle(member, ready.credential, totals);
      await this.#save();
      return result;
    });
  }

  async #settle(
    member: FleetMember,
    credential: TerminalCredential,
    totals: ReturnType<TerminalState['totals']>,
  ): Promise<SettleResult> {
    const terminal = member.terminal;
    try {
      const answer = await this.#options.client.settle(credential, totals);
      terminal.openBatch(answer.batch);
      this.#log('settled', terminal, {
        batchNo: answer.batchNo,
        early: answer.early,
        balanced: answer.balanced,
        sales: answer.acquirer.sales.count,
        voids: answer.acquirer.voids.count,
      });
      return { outcome: 'settled', tid: terminal.tid, answer };
    } catch (error) {
      return this.#refusedOrUnreachable(member, 'settle', error);
    }
  }

  /** Sales the acquirer has not answered yet, sent again; stops at the first still unanswered. */
  async #forward(member: FleetMember, credential: TerminalCredential): Promise<void> {
    for (const sale of member.terminal.pendingSales()) {
      if ((await this.#upload(member, credential, sale)).outcome === 'stored') return;
    }
  }

  /** The batch the acquirer says is open; the one its cutoff closed, settled (reconciled) at once. */
  async #batchFromCheckIn(
    member: FleetMember,
    credential: TerminalCredential,
    batch: OpenBatch,
  ): Promise<void> {
    const closed = member.terminal.openBatch(batch);
    await this.#forward(member, credential);
    if (closed) await this.#settle(member, credential, closed);
  }

  /** What a shop's day brings between two check-ins: now and then a sale, and seldom a void of one. */
  async #trade(member: FleetMember, credential: TerminalCredential, intervalSeconds: number): Promise<void> {
    const trading = this.#options.trading;
    if (!trading || member.terminal.batch === null) return;
    const random = trading.random ?? Math.random;
    const hour = new Date(this.#now() + 8 * 3600_000).getUTCHours();
    const perHour = hour < 7 ? trading.salesPerHour / 10 : trading.salesPerHour;
    if (random() >= Math.min(1, (perHour * intervalSeconds) / 3600)) return;
    const sale = member.terminal.ringUp(saleOf(random), this.#now())!;
    await this.#upload(member, credential, sale);
    // The emulated operator knows only the factory PIN; a PIN set from the dashboard is the merchant's.
    if (random() < trading.voidShare && isCardMethod(sale.method) && member.terminal.factoryDefault) {
      await this.#voidSale(member, sale.traceNo, FACTORY_VOID_PASSWORD);
    }
    await this.#save();
  }

  /** `work` for terminal `tid` in its turn, tracked so that `stop` waits for it; unknown terminals answer so. */
  #inTurnOf<T>(
    tid: string,
    work: (member: FleetMember) => Promise<T>,
  ): Promise<T | { outcome: 'unavailable'; tid: string; why: 'unknown_terminal' }> {
    const member = this.#member(tid);
    if (!member) return Promise.resolve({ outcome: 'unavailable', tid, why: 'unknown_terminal' });
    return this.#track(this.#inTurn(member, () => work(member)));
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    return work.finally(() => this.#inFlight.delete(work));
  }

  /** Runs `work` once whatever was queued for the member's terminal before it has finished. */
  #inTurn<T>(member: FleetMember, work: () => Promise<T>): Promise<T> {
    const tid = member.terminal.tid;
    const mine = (this.#turns.get(tid) ?? Promise.resolve()).then(work);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(tid, settled);
    void settled.then(() => {
      if (this.#turns.get(tid) === settled) this.#turns.delete(tid);
    });
    return mine;
  }

  async #cycle(member: FleetMember): Promise<CheckInReport> {
    const terminal = member.terminal;
    const tid = terminal.tid;
    let nextSeconds = terminal.checkInIntervalSeconds;
    let report: CheckInReport;
    try {
      const activationFailure = terminal.privateKeyPem === null ? await this.#activateOrHalt(member) : null;
      const halted = this.#halted.get(tid) ?? null;
      if (activationFailure) {
        report = { outcome: 'failed', tid, failure: activationFailure, halted };
      } else if (halted || terminal.privateKeyPem === null) {
        report = { outcome: 'unavailable', tid, why: 'halted', halted: halted ?? 'not_activated' };
      } else {
        report = await this.#checkIn(member, credentialOf(tid, terminal.privateKeyPem));
        if (report.outcome === 'checked_in') nextSeconds = report.nextCheckInSeconds;
      }
    } catch (error) {
      this.#failed(member, 'check_in', error);
      report = {
        outcome: 'failed',
        tid,
        failure: failureOf('check_in', error),
        halted: this.#halted.get(tid) ?? null,
      };
    }
    this.#schedule(member, nextSeconds * 1000);
    return report;
  }

  /** Null once activated (or halted for want of a code); the failure when the acquirer did not activate it. */
  async #activateOrHalt(member: FleetMember): Promise<RequestFailure | null> {
    const terminal = member.terminal;
    if (member.activationCode === null) {
      this.#halt(member, 'not_activated', { reason: 'no_activation_code' });
      return null;
    }
    const keys = newTerminalKeys();
    try {
      const answer = await this.#options.client.activate(terminal.tid, keys, member.activationCode);
      terminal.activated(keys.privateKeyPem, answer.keyId, answer.serverTime);
      member.activationCode = null;
      this.#log('activated', terminal, { keyId: answer.keyId });
      await this.#save();
      return null;
    } catch (error) {
      this.#failed(member, 'activate', error);
      return failureOf('activate', error);
    }
  }

  /** Settles an acknowledgement left unanswered, then checks in. */
  async #checkIn(member: FleetMember, credential: TerminalCredential): Promise<CheckInReport> {
    const terminal = member.terminal;
    const tid = terminal.tid;
    const unconfirmed = terminal.unconfirmedCommandId;
    let settled: CommandReport | null = null;
    if (unconfirmed !== null) {
      const firmware = terminal.unconfirmedFirmware(unconfirmed);
      const ack = await this.#acknowledge(member, credential, unconfirmed, { result: 'applied' });
      if (ack.result === 'unanswered') {
        return { outcome: 'failed', tid, failure: ack.failure, halted: this.#halted.get(tid) ?? null };
      }
      settled = {
        id: unconfirmed,
        result: ack.result,
        temporary: terminal.temporary,
        ...(firmware === null ? {} : { firmware }),
      };
    }
    const reported = terminal.wrongPinsSinceCheckIn;
    const answer = await this.#options.client.checkIn(credential, {
      firmware: terminal.firmware,
      ...(terminal.appVersion === null ? {} : { appVersion: terminal.appVersion }),
      checkInIntervalSeconds: terminal.checkInIntervalSeconds,
      wrongVoidPasswordAttempts: reported,
    });
    terminal.wrongPinsReported(reported);
    const at = new Date().toISOString();
    this.#note(tid, { lastCheckInAt: at, lastFailure: null });
    this.#log('checked_in', terminal, {
      nextCheckInSeconds: answer.nextCheckInSeconds,
      wrongPinsReported: reported,
      commandId: answer.command?.id ?? null,
    });
    const command = answer.command ? await this.#runCommand(member, credential, answer.command) : null;
    await this.#batchFromCheckIn(member, credential, answer.batch);
    await this.#trade(member, credential, answer.nextCheckInSeconds);
    const next = answer.nextCheckInSeconds;
    return {
      outcome: 'checked_in',
      tid,
      at,
      nextCheckInSeconds:
        next >= CHECK_IN_INTERVAL_MIN_SECONDS && next <= CHECK_IN_INTERVAL_MAX_SECONDS
          ? next
          : terminal.checkInIntervalSeconds,
      wrongPinsReported: reported,
      settled,
      command,
    };
  }

  async #runCommand(
    member: FleetMember,
    credential: TerminalCredential,
    command: TerminalCommand,
  ): Promise<CommandReport> {
    const terminal = member.terminal;
    const outcome = terminal.applyCommand(command);
    const firmware = command.kind === 'update_firmware' ? { firmware: command.version } : {};
    let report: CommandReport;
    if (outcome === 'applied') {
      // Saved before the acknowledgement: a restart then finishes it rather than forgetting the new PIN.
      await this.#save();
      const ack = await this.#acknowledge(member, credential, command.id, { result: 'applied' });
      report = { id: command.id, result: ack.result, temporary: terminal.temporary, ...firmware };
    } else {
      const reason = outcome === 'expired' ? 'expired' : 'invalid_verifier';
      await this.#acknowledge(member, credential, command.id, { result: 'failed', reason });
      report = { id: command.id, result: 'failed', temporary: terminal.temporary, reason, ...firmware };
    }
    return report;
  }

  /**
   * What the acquirer made of it. An applied PIN is kept only once the acquirer confirms it, and rolled back
   * when the command was cancelled or expired meanwhile; unanswered, it waits for the next cycle.
   */
  async #acknowledge(
    member: FleetMember,
    credential: TerminalCredential,
    commandId: string,
    ack: CommandAck,
  ): Promise<
    { result: 'applied' | 'withdrawn' | 'failed' } | { result: 'unanswered'; failure: RequestFailure }
  > {
    const terminal = member.terminal;
    const firmware = terminal.unconfirmedFirmware(commandId);
    let status: string;
    try {
      status = (await this.#options.client.ackCommand(credential, commandId, ack)).status;
    } catch (error) {
      // A 409 `terminal.command_not_open` (or a 404: no such command) says it is not to be applied; anything
      // else (no answer, 401, 429, 5xx) settles nothing.
      const answered =
        error instanceof TerminalProtocolError && (error.status === 409 || error.status === 404);
      if (!answered) {
        this.#failed(member, 'ack', error);
        return { result: 'unanswered', failure: failureOf('ack', error) };
      }
      status = error.code ?? `http_${error.status}`;
    }
    let result: 'applied' | 'withdrawn' | 'failed';
    if (ack.result === 'failed') {
      result = 'failed';
      this.#log('command_failed', terminal, { commandId, reason: ack.reason, status });
    } else if (status === 'applied') {
      result = 'applied';
      terminal.confirmCommand(commandId);
      // Its next check-in reports the new release.
      if (firmware !== null) this.#log('firmware_updated', terminal, { commandId, version: firmware });
      else this.#log('command_applied', terminal, { commandId, temporary: terminal.temporary });
    } else {
      result = 'withdrawn';
      terminal.rollBackCommand(commandId);
      this.#log('command_withdrawn', terminal, { commandId, status });
    }
    const at = new Date().toISOString();
    this.#note(terminal.tid, {
      lastCommand: {
        id: commandId,
        result,
        temporary: terminal.temporary,
        ...(ack.result === 'failed' ? { reason: ack.reason } : {}),
        at,
      },
    });
    await this.#save();
    return { result };
  }

  #failed(member: FleetMember, request: RequestName, error: unknown): void {
    const terminal = member.terminal;
    this.#note(terminal.tid, { lastFailure: { ...failureOf(request, error), at: new Date().toISOString() } });
    if (error instanceof TerminalProtocolError) {
      const fields = {
        request,
        status: error.status,
        code: error.code,
        // An activation's or a PIN change's refusal might quote what it was sent.
        ...(request === 'activate' || request === 'void_password' ? {} : { detail: error.detail }),
      };
      if (error.code !== null && FINAL_REFUSALS.has(error.code)) {
        if (error.code === TerminalErrorCode.revoked) terminal.forgetKey();
        this.#halt(member, error.code === TerminalErrorCode.revoked ? 'revoked' : 'refused', fields);
        return;
      }
      this.#log('request_failed', terminal, fields);
    } else if (error instanceof TerminalUnreachableError) {
      this.#log('request_failed', terminal, { request, reason: error.reason });
    } else {
      this.#log('request_failed', terminal, { request, reason: 'emulator_error', message: String(error) });
    }
  }

  #halt(member: FleetMember, event: HaltReason, fields: Record<string, unknown>): void {
    const tid = member.terminal.tid;
    this.#halted.set(tid, event);
    clearTimeout(this.#timers.get(tid));
    this.#timers.delete(tid);
    this.#due.delete(tid);
    this.#log(event, member.terminal, fields);
    void this.#save();
  }

  #save(): Promise<void> {
    const terminals = this.#options.members.map((member) => member.terminal);
    // One write at a time, each with everything as it is when its turn comes.
    this.#saving = this.#saving
      .then(() => this.#options.save(terminals))
      .catch((error: unknown) => this.#log('state_save_failed', undefined, { message: String(error) }));
    return this.#saving;
  }

  #log(event: string, terminal?: TerminalState, fields: Record<string, unknown> = {}): void {
    this.#options.log({
      at: new Date().toISOString(),
      ...(terminal ? { tid: terminal.tid } : {}),
      event,
      ...fields,
    });
  }
}
