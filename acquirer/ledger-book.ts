import type { LedgerFilter, SalesLedger } from './ledger';
import type { TerminalRecord, TransactionRecord } from './types';

/** What a rule reads of the ledger before it can decide: rows by id, or the totals of a filter. */
export type LedgerRead = { kind: 'byIds'; ids: readonly string[] } | { kind: 'totals'; filter: LedgerFilter };

/**
 * Thrown by a rule that must read the ledger (async) before it changes anything, as HashesNeeded is for
 * hashes: the acquirer reads, then runs the whole request again (decision 023). `revision` is the terminal's
 * as the run saw it: what was read holds for a later run only while the terminal is still at it.
 */
export class LedgerReadsNeeded {
  constructor(
    readonly reads: readonly LedgerRead[],
    readonly tid: string,
    readonly revision: number,
  ) {}
}

function keyOf(read: LedgerRead): string {
  return JSON.stringify(read);
}

type Answer = TransactionRecord[] | { count: number; amount: number };

/**
 * The ledger rows one request of a terminal read, valid while the terminal's revision stays the one they
 * were read after. Only that terminal's own requests add sales to it, void its sales or settle its batches,
 * and each one moves its revision: a run that finds it moved reads again.
 */
export class LedgerBook {
  private readonly known = new Map<string, Answer>();
  private readAt: { tid: string; revision: number } | null = null;

  constructor(private readonly ledger: SalesLedger) {}

  /** The rows of `ids` that exist, by id, or LedgerReadsNeeded. */
  byIds(terminal: TerminalRecord, ids: readonly string[]): Map<string, TransactionRecord> {
    const rows = this.answers(terminal, [{ kind: 'byIds', ids }])[0] as TransactionRecord[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Several reads at once (one wait), answered in order, or LedgerReadsNeeded. */
  answers(terminal: TerminalRecord, reads: readonly LedgerRead[]): Answer[] {
    const fresh = this.readAt?.tid === terminal.tid && this.readAt.revision === terminal.revision;
    if (!fresh) this.known.clear();
    const missing = reads.filter((read) => !this.known.has(keyOf(read)));
    if (missing.length > 0) throw new LedgerReadsNeeded(reads, terminal.tid, terminal.revision);
    return reads.map((read) => this.known.get(keyOf(read))!);
  }

  /** Reads what a run asked for; the next run uses it if the terminal is still at `needed.revision`. */
  async fill(needed: LedgerReadsNeeded): Promise<void> {
    this.known.clear();
    const answers = await Promise.all(
      needed.reads.map((read) =>
        read.kind === 'byIds' ? this.ledger.byIds(read.ids) : this.ledger.totals(read.filter),
      ),
    );
    needed.reads.forEach((read, i) => this.known.set(keyOf(read), answers[i]!));
    this.readAt = { tid: needed.tid, revision: needed.revision };
  }
}
