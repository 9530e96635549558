import { pbkdf2 as pbkdf2Callback, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CHECK_IN_INTERVAL_MAX_SECONDS,
  CHECK_IN_INTERVAL_MIN_SECONDS,
  type OpenBatch,
  PIN_VERIFIER_ITERATIONS,
  type PinVerifier,
  type SettleRequest,
  type TerminalTransaction,
  type TerminalCommand,
  type TerminalPinChange,
} from '@contract/terminal-protocol';
import { checkVoidPassword, type VoidPasswordRule } from '@contract/void-password-policy';

const pbkdf2 = promisify(pbkdf2Callback);

/** What every terminal accepts until the acquirer sends it a PIN of the merchant's. */
export const FACTORY_VOID_PASSWORD = '123456';
export const DEFAULT_FIRMWARE = 'V2.4.1';
export const DEFAULT_APP_VERSION = 'LKL-POS 3.8.2';
export const DEFAULT_CHECK_IN_INTERVAL_SECONDS = 30;
/** As a real POS: the fifth wrong PIN in a row locks voids for half an hour. */
export const MAX_CONSECUTIVE_WRONG_PINS = 5;
export const PIN_LOCK_MS = 30 * 60_000;
/** The most `CheckInRequest.wrongVoidPasswordAttempts` takes. */
const MAX_REPORTED_WRONG_PINS = 1000;
/** A command must not make the terminal hash for minutes at every PIN. */
const MAX_VERIFIER_ITERATIONS = 1_000_000;
const HASH_BYTES = 32;

export type PinCheck = 'ok' | 'wrong' | 'locked' | 'must_change';
export type CommandOutcome = 'applied' | 'expired' | 'invalid_verifier';
/** `first_use` replaces a temporary PIN (as the terminal requires), `operator` any other. */
export type PinChangeReason = TerminalPinChange['reason'];

/** What came of a PIN change at the terminal; a refusal changes no PIN. */
export type PinChangeAtTerminal<T> =
  | { result: 'changed'; reason: PinChangeReason; answer: T }
  /** The current PIN did not check out; it counts as a wrong PIN typed at the terminal. */
  | { result: 'wrong_pin' }
  | { result: 'locked'; lockedUntil: number }
  /** The new PIN breaks the policy (in the order a person fixes them); nothing was sent. */
  | { result: 'refused'; rules: VoidPasswordRule[] };

/** A sale or void in the terminal's journal, as uploaded (or still to be). */
export interface JournalEntry extends TerminalTransaction {
  /** `pending`: not yet taken by the acquirer (it goes again at the next check-in); `refused`: a void it refused. */
  upload: 'pending' | 'uploaded' | 'refused';
  /** A sale voided since. */
  voided: boolean;
}

export interface SaleInput {
  amount: number;
  method: TerminalTransaction['method'];
  operatorNo?: string;
}

const CARD_METHODS = new Set<TerminalTransaction['method']>(['card_chip', 'card_swipe', 'card_contactless']);

export function isCardMethod(method: TerminalTransaction['method']): boolean {
  return CARD_METHODS.has(method);
}

function digits(count: number): string {
  let out = '';
  for (const byte of randomBytes(count)) out += String(byte % 10);
  return out;
}

export interface VoidPassword {
  verifier: PinVerifier;
  /** Set by a reset: the operator must replace it at its first use. */
  temporary: boolean;
  factoryDefault: boolean;
}

/** Everything the emulator keeps of one terminal between runs (its state file holds a list of these). */
export interface SavedTerminal extends VoidPassword {
  tid: string;
  merchantId: string | null;
  /** PKCS#8 PEM; null before activation and after the acquirer revoked the key. */
  privateKeyPem: string | null;
  keyId: string | null;
  activatedAt: string | null;
  firmware: string;
  appVersion: string | null;
  checkInIntervalSeconds: number;
  wrongPinsSinceCheckIn: number;
  consecutiveWrongPins: number;
  /** Milliseconds since the epoch. */
  lockedUntil: number | null;
  /**
   * A command applied here whose acknowledgement has no answer yet, with the PIN it replaced (and, for a
   * firmware update, the firmware it replaced): the acquirer may still say it was cancelled, and then the
   * terminal goes back to them.
   */
  unconfirmedCommand: { id: string; previous: VoidPassword; previousFirmware?: string } | null;
  /** The batch the acquirer last said is open (at a check-in or a settlement); null before the first. */
  batch?: OpenBatch | null;
  /** The next trace number (凭证号), 1 to 999999, as a POS counts them. */
  nextTrace?: number;
  /** The open batch's sales and voids, and any made earlier and not yet uploaded. */
  journal?: JournalEntry[];
}

export async function makeVerifier(pin: string, iterations = PIN_VERIFIER_ITERATIONS): Promise<PinVerifier> {
  const salt = randomBytes(16);
  const hash = await pbkdf2(pin, salt, iterations, HASH_BYTES, 'sha256');
  return { scheme: 'pbkdf2-sha256', iterations, salt: salt.toString('hex'), hash: hash.toString('hex') };
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

function isUsable(verifier: PinVerifier): boolean {
  return (
    verifier.scheme === 'pbkdf2-sha256' &&
    Number.isInteger(verifier.iterations) &&
    verifier.iterations >= 1 &&
    verifier.iterations <= MAX_VERIFIER_ITERATIONS &&
    HEX.test(verifier.salt) &&
    HEX.test(verifier.hash) &&
    verifier.hash.length === HASH_BYTES * 2
  );
}

async function matches(verifier: PinVerifier, pin: string): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'hex');
  const actual = await pbkdf2(
    pin,
    Buffer.from(verifier.salt, 'hex'),
    verifier.iterations,
    HASH_BYTES,
    'sha256',
  );
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

/** One emulated POS terminal: its credential, what it reports at check-in, and its void password. */
export class TerminalState {
  private constructor(private saved: SavedTerminal) {}

  static async create(
    tid: string,
    merchantId: string | null = null,
    firmware: string = DEFAULT_FIRMWARE,
  ): Promise<TerminalState> {
    return new TerminalState({
      tid,
      merchantId,
      privateKeyPem: null,
      keyId: null,
      activatedAt: null,
      firmware,
      appVersion: DEFAULT_APP_VERSION,
      checkInIntervalSeconds: DEFAULT_CHECK_IN_INTERVAL_SECONDS,
      // Computed here, like a terminal fresh from the factory: the acquirer never sends the default.
      verifier: await makeVerifier(FACTORY_VOID_PASSWORD),
      temporary: false,
      factoryDefault: true,
      wrongPinsSinceCheckIn: 0,
      consecutiveWrongPins: 0,
      lockedUntil: null,
      unconfirmedCommand: null,
      batch: null,
      nextTrace: 1,
      journal: [],
    });
  }

  static restore(saved: SavedTerminal): TerminalState {
    return new TerminalState(structuredClone(saved));
  }

  snapshot(): SavedTerminal {
    return structuredClone(this.saved);
  }

  get tid(): string {
    return this.saved.tid;
  }
  get merchantId(): string | null {
    return this.saved.merchantId;
  }
  get privateKeyPem(): string | null {
    return this.saved.privateKeyPem;
  }
  get keyId(): string | null {
    return this.saved.keyId;
  }
  get activatedAt(): string | null {
    return this.saved.activatedAt;
  }
  get firmware(): string {
    return this.saved.firmware;
  }
  get appVersion(): string | null {
    return this.saved.appVersion;
  }
  get checkInIntervalSeconds(): number {
    return this.saved.checkInIntervalSeconds;
  }
  get temporary(): boolean {
    return this.saved.temporary;
  }
  get factoryDefault(): boolean {
    return this.saved.factoryDefault;
  }
  get lockedUntil(): number | null {
    return this.saved.lockedUntil;
  }
  get wrongPinsSinceCheckIn(): number {
    return this.saved.wrongPinsSinceCheckIn;
  }
  /** Wrong PINs in a row: the `MAX_CONSECUTIVE_WRONG_PINS`th locks voids. */
  get consecutiveWrongPins(): number {
    return this.saved.consecutiveWrongPins;
  }
  get unconfirmedCommandId(): string | null {
    return this.saved.unconfirmedCommand?.id ?? null;
  }

  setCheckInInterval(seconds: number): void {
    if (
      !Number.isInteger(seconds) ||
      seconds < CHECK_IN_INTERVAL_MIN_SECONDS ||
      seconds > CHECK_IN_INTERVAL_MAX_SECONDS
    ) {
      throw new RangeError(
        `A check-in interval is ${CHECK_IN_INTERVAL_MIN_SECONDS} to ${CHECK_IN_INTERVAL_MAX_SECONDS} seconds.`,
      );
    }
    this.saved.checkInIntervalSeconds = seconds;
  }

  activated(privateKeyPem: string, keyId: string, at: string): void {
    this.saved.privateKeyPem = privateKeyPem;
    this.saved.keyId = keyId;
    this.saved.activatedAt = at;
  }

  /** The acquirer refused the key for good: only a new activation code brings the terminal back. */
  forgetKey(): void {
    this.saved.privateKeyPem = null;
    this.saved.keyId = null;
  }

  /** A PIN typed at the terminal for a void. */
  async checkPin(pin: string, now: number = Date.now()): Promise<PinCheck> {
    const saved = this.saved;
    if (saved.lockedUntil !== null) {
      if (now < saved.lockedUntil) return 'locked';
      saved.lockedUntil = null;
      saved.consecutiveWrongPins = 0;
    }
    if (!(await matches(saved.verifier, pin))) {
      saved.wrongPinsSinceCheckIn = Math.min(saved.wrongPinsSinceCheckIn + 1, MAX_REPORTED_WRONG_PINS);
      saved.consecutiveWrongPins++;
      if (saved.consecutiveWrongPins < MAX_CONSECUTIVE_WRONG_PINS) return 'wrong';
      saved.lockedUntil = now + PIN_LOCK_MS;
      return 'locked';
    }
    saved.consecutiveWrongPins = 0;
    return saved.temporary ? 'must_change' : 'ok';
  }

  /**
   * The operator sets a new void password at the terminal. The current PIN must check out (a temporary one
   * too: this is how it is replaced), and the new one must keep the policy; then `submit` sends the change to
   * the acquirer. Only once it resolves does the terminal keep a verifier of the new PIN, made here, and the
   * PIN is no longer temporary. If `submit` throws (the acquirer refused, or did not answer), the PIN stays
   * as it was and the error propagates.
   */
  async changePin<T>(
    currentPin: string,
    newPin: string,
    submit: (change: TerminalPinChange) => Promise<T>,
    now: number = Date.now(),
  ): Promise<PinChangeAtTerminal<T>> {
    const check = await this.checkPin(currentPin, now);
    if (check === 'locked')
      return { result: 'locked', lockedUntil: this.saved.lockedUntil ?? now + PIN_LOCK_MS };
    if (check === 'wrong') return { result: 'wrong_pin' };
    const rules = checkVoidPassword(newPin);
    if (rules.length > 0) return { result: 'refused', rules };
    const reason: PinChangeReason = check === 'must_change' ? 'first_use' : 'operator';
    // Made before sending, so that nothing can fail here once the acquirer has taken the new PIN.
    const verifier = await makeVerifier(newPin);
    const answer = await submit({ newPassword: newPin, reason });
    const replacement: VoidPassword = { verifier, temporary: false, factoryDefault: false };
    const saved = this.saved;
    Object.assign(saved, replacement);
    saved.consecutiveWrongPins = 0;
    saved.lockedUntil = null;
    // A command still awaiting its acknowledgement's answer must not bring back, if withdrawn, the PIN
    // this change replaced: the operator's is the newer.
    if (saved.unconfirmedCommand) saved.unconfirmedCommand.previous = structuredClone(replacement);
    return { result: 'changed', reason, answer };
  }

  /** The acquirer counted `count` wrong PINs at a check-in; those typed while it was under way stay. */
  wrongPinsReported(count: number): void {
    this.saved.wrongPinsSinceCheckIn = Math.max(0, this.saved.wrongPinsSinceCheckIn - count);
  }

  /**
   * Installs a delivered PIN (or firmware release), keeping what it replaces until the acquirer confirms the
   * acknowledgement (`confirmCommand`) or says the command is no longer open (`rollBackCommand`).
   */
  applyCommand(command: TerminalCommand, now: number = Date.now()): CommandOutcome {
    if (!(Date.parse(command.expiresAt) > now)) return 'expired';
    const saved = this.saved;
    if (command.kind === 'set_void_password' && !isUsable(command.verifier)) return 'invalid_verifier';
    // Delivered again because the acknowledgement went unanswered: it is already in place.
    if (saved.unconfirmedCommand?.id === command.id) return 'applied';
    const previous = {
      verifier: saved.verifier,
      temporary: saved.temporary,
      factoryDefault: saved.factoryDefault,
    };
    if (command.kind === 'update_firmware') {
      saved.unconfirmedCommand = { id: command.id, previous, previousFirmware: saved.firmware };
      saved.firmware = command.version;
      return 'applied';
    }
    saved.unconfirmedCommand = { id: command.id, previous };
    saved.verifier = command.verifier;
    saved.temporary = command.temporary;
    saved.factoryDefault = false;
    // A new PIN lifts the lock, as the acquirer's does when it installs one.
    saved.consecutiveWrongPins = 0;
    saved.lockedUntil = null;
    return 'applied';
  }

  /** The release an unconfirmed firmware update `id` installed here, or null (another kind, or none). */
  unconfirmedFirmware(id: string): string | null {
    const unconfirmed = this.saved.unconfirmedCommand;
    return unconfirmed?.id === id && unconfirmed.previousFirmware !== undefined ? this.saved.firmware : null;
  }

  get batch(): OpenBatch | null {
    return this.saved.batch ?? null;
  }

  get journal(): readonly JournalEntry[] {
    return this.saved.journal ?? [];
  }

  /**
   * The open batch as the acquirer says it; the batch closed meanwhile (at its cutoff), if any, with its
   * totals for the terminal to settle. Its uploaded entries leave the journal; those still pending stay.
   */
  openBatch(batch: OpenBatch): SettleRequest | null {
    const saved = this.saved;
    const previous = saved.batch?.batchNo ?? null;
    saved.batch = batch;
    if (previous === null || previous === batch.batchNo) return null;
    const totals = this.totals(previous);
    saved.journal = this.journal.filter((entry) => entry.batchNo !== previous || entry.upload === 'pending');
    return totals.sales.count + totals.voids.count > 0 ? totals : null;
  }

  /** The terminal's own totals of a batch: the sales and voids the acquirer took. */
  totals(batchNo: string): SettleRequest {
    const totals: SettleRequest = { batchNo, sales: { count: 0, amount: 0 }, voids: { count: 0, amount: 0 } };
    for (const entry of this.journal) {
      if (entry.batchNo !== batchNo || entry.upload !== 'uploaded') continue;
      const sum = entry.type === 'sale' ? totals.sales : totals.voids;
      sum.count++;
      sum.amount += entry.amount;
    }
    return totals;
  }

  #nextTrace(): string {
    const trace = this.saved.nextTrace ?? 1;
    this.saved.nextTrace = trace >= 999_999 ? 1 : trace + 1;
    return String(trace).padStart(6, '0');
  }

  #add(entry: JournalEntry): JournalEntry {
    (this.saved.journal ??= []).push(entry);
    return entry;
  }

  /** A sale rung up now, in the open batch; null before the acquirer has said which batch is open. */
  ringUp(input: SaleInput, at: number): JournalEntry | null {
    const batch = this.saved.batch;
    if (!batch) return null;
    return this.#add({
      type: 'sale',
      batchNo: batch.batchNo,
      traceNo: this.#nextTrace(),
      rrn: digits(12),
      operatorNo: input.operatorNo ?? '01',
      method: input.method,
      amount: input.amount,
      ...(isCardMethod(input.method) ? { cardLast4: digits(4) } : {}),
      at: new Date(at).toISOString(),
      upload: 'pending',
      voided: false,
    });
  }

  /** The open batch's sale with this trace number. */
  sale(traceNo: string): JournalEntry | null {
    const batchNo = this.saved.batch?.batchNo;
    return (
      this.journal.find(
        (entry) => entry.type === 'sale' && entry.batchNo === batchNo && entry.traceNo === traceNo,
      ) ?? null
    );
  }

  /** The void of `sale`, for the full amount, made now; it waits for the acquirer's answer (`voidAnswered`). */
  voidOf(sale: JournalEntry, at: number, operatorNo = '01'): JournalEntry {
    const batch = this.saved.batch!;
    return this.#add({
      type: 'void',
      batchNo: batch.batchNo,
      traceNo: this.#nextTrace(),
      rrn: digits(12),
      operatorNo,
      method: sale.method,
      amount: sale.amount,
      ...(sale.cardLast4 === undefined ? {} : { cardLast4: sale.cardLast4 }),
      at: new Date(at).toISOString(),
      original: { batchNo: sale.batchNo, traceNo: sale.traceNo },
      upload: 'pending',
      voided: false,
    });
  }

  /** The acquirer took the entry (`accepted` or a duplicate), refused it, or has not answered. */
  uploaded(entry: JournalEntry, result: 'uploaded' | 'refused'): void {
    const mine = this.journal.find((e) => e.batchNo === entry.batchNo && e.traceNo === entry.traceNo);
    if (!mine) return;
    mine.upload = result;
    if (mine.type === 'void' && result === 'uploaded' && mine.original) {
      const original = this.journal.find(
        (e) => e.batchNo === mine.original!.batchNo && e.traceNo === mine.original!.traceNo,
      );
      if (original) original.voided = true;
    }
  }

  /** Sales not yet taken by the acquirer, oldest first (a void is never stored to be sent later). */
  pendingSales(): JournalEntry[] {
    return this.journal.filter((entry) => entry.type === 'sale' && entry.upload === 'pending');
  }

  /** A void the acquirer did not answer is dropped: it is an online authorisation, never sent later. */
  dropVoid(entry: JournalEntry): void {
    this.saved.journal = this.journal.filter(
      (e) => !(e.batchNo === entry.batchNo && e.traceNo === entry.traceNo),
    );
  }

  confirmCommand(id: string): void {
    if (this.saved.unconfirmedCommand?.id === id) this.saved.unconfirmedCommand = null;
  }

  rollBackCommand(id: string): void {
    const unconfirmed = this.saved.unconfirmedCommand;
    if (unconfirmed?.id !== id) return;
    Object.assign(this.saved, unconfirmed.previous);
    if (unconfirmed.previousFirmware !== undefined) this.saved.firmware = unconfirmed.previousFirmware;
    this.saved.unconfirmedCommand = null;
  }
}
