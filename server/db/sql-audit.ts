import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import {
  actorKeyOf,
  type AuditFilter,
  type AuditKey,
  type AuditTrail,
  ticketKeyOf,
} from '@acquirer/audit-trail';
import type { SqlReader } from './reader';
import { auditOf } from './rows';
import type { Database } from './schema';
import { inMerchants } from './sql-scope';

type Eb = ExpressionBuilder<Database, 'audit_events'>;

/**
 * The `audit_events` table as the acquirer's audit trail (decision 017): each filter is one WHERE, each
 * page a keyset `(at, seq)` seek, newest first, on the indexes of migrations 0001/0003 (by merchant, by
 * terminal, by time). The searches compare the keys the rows carry (`actor_key`, `ticket_key`, computed
 * in JavaScript as the memory adapter computes them) by LIKE with the user's text escaped, which
 * SQLite and PostgreSQL both speak.
 */
export function sqlAuditTrail(db: SqlReader): AuditTrail {
  return {
    async page(filter, after, limit) {
      if (limit <= 0 || selectsNothing(filter)) return [];
      const rows = await db.read(auditPageQuery(db, filter, after, limit));
      return rows.map((r) => ({ seq: r.seq, event: auditOf(r) }));
    },
    async count(filter) {
      if (selectsNothing(filter)) return 0;
      const query = db.q
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.and(conditions(eb, filter)));
      return Number((await db.readOne(query))?.n ?? 0);
    },
  };
}

/** The query of a page (exported for the test of its plan). */
export function auditPageQuery(
  db: Pick<SqlReader, 'q'>,
  filter: AuditFilter,
  after: AuditKey | null,
  limit: number,
) {
  return db.q
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) => eb.and([...conditions(eb, filter), ...afterKey(eb, after)]))
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit);
}

/** No merchant in view, or a bound no instant can meet. */
function selectsNothing(filter: AuditFilter): boolean {
  if (filter.merchantIds !== null && filter.merchantIds.length === 0) return true;
  const { from, to } = filter;
  return (
    (from !== undefined && (Number.isNaN(from) || from === Infinity)) ||
    (to !== undefined && (Number.isNaN(to) || to === -Infinity))
  );
}

/** Newest first, ties by seq descending; `at <= ?` first, so the seek is a range on the index. */
function afterKey(eb: Eb, after: AuditKey | null): Expression<SqlBool>[] {
  if (!after) return [];
  const [at, seq] = after;
  return [eb('at', '<=', at), eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('seq', '<', seq)])])];
}

const LIKE_ESCAPE = '!';

/** `%text%` with the LIKE wildcards and the escape character of `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

function contains(eb: Eb, column: 'actor_key' | 'ticket_key', key: string): Expression<SqlBool> {
  return sql<SqlBool>`${eb.ref(column)} like ${containsPattern(key)} escape ${sql.lit(LIKE_ESCAPE)}`;
}

function conditions(eb: Eb, filter: AuditFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  // `merchant_id IN (…)` is never true of a NULL merchant: an event naming none is for support only.
  if (filter.merchantIds !== null) {
    out.push(inMerchants(filter.merchantIds));
  }
  if (filter.merchantId !== undefined) out.push(eb('merchant_id', '=', filter.merchantId));
  if (filter.tid !== undefined) out.push(eb('tid', '=', filter.tid));
  const actor = actorKeyOf(filter.actor ?? '');
  if (actor !== '') out.push(contains(eb, 'actor_key', actor));
  if (filter.action !== undefined) out.push(eb('action', '=', filter.action));
  // `ticket_key` is NULL without a ticket, and NULL LIKE … is never true.
  const ticket = ticketKeyOf(filter.ticket ?? '');
  if (ticket !== '') out.push(contains(eb, 'ticket_key', ticket));
  if (filter.from !== undefined && Number.isFinite(filter.from)) out.push(eb('at', '>=', filter.from));
  if (filter.to !== undefined && Number.isFinite(filter.to)) out.push(eb('at', '<', filter.to));
  return out.length > 0 ? out : [sql<SqlBool>`1 = 1`];
}
