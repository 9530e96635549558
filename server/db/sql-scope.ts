import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * `merchant_id` among the merchants in view, for every table that names one (the ledger, the fleet, the
 * audit trail): `=` for one, `IN` for several. The caller handles "all" (`null`, support) and "none" (an
 * empty list) before asking. A NULL `merchant_id` (an audit event naming no merchant) never matches.
 */
export function inMerchants(merchantIds: readonly string[]): Expression<SqlBool> {
  return merchantIds.length === 1
    ? sql<SqlBool>`merchant_id = ${merchantIds[0]!}`
    : sql<SqlBool>`merchant_id in (${sql.join([...merchantIds])})`;
}
