import type { Kysely } from 'kysely';

// The audit trail is read from its table (decision 017), with the search the API has always had: an actor
// by part of its name, any case, and a ticket by part of its number, case, whitespace, `_` and `-`
// ignored. SQL cannot compute those keys as the rules do (SQLite's `lower()` is ASCII-only; JavaScript's
// `\s` holds Unicode spaces such as U+3000), so each row carries them, computed in JavaScript:
// `actor_key` and `ticket_key` (null without a ticket). New rows get them from `rows.auditRow`; this fills
// the rows there are. The default only lets the column be added NOT NULL: every insert names it.
//
// The pages are newest first, ties by seq descending (acquirer/audit-trail.ts): the terminal's index gets
// `seq desc` too, as the merchant's and the time index have it, so each common page (one merchant, one
// terminal, all) is an index walk without a sort.

/** acquirer/audit-trail.ts `actorKeyOf` as of this migration (a migration does not change once released). */
const actorKeyOf = (actor: string) => actor.toLowerCase();
/** acquirer/audit-trail.ts `ticketKeyOf` as of this migration. */
const ticketKeyOf = (ticketId: string) => ticketId.replace(/[\s_-]+/g, '').toLowerCase();

const BATCH = 1_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_events')
    .addColumn('actor_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('audit_events').addColumn('ticket_key', 'text').execute();

  let after: number | null = null;
  for (;;) {
    let query = db
      .selectFrom('audit_events')
      .select(['seq', 'actor', 'ticket_id'])
      .orderBy('seq')
      .limit(BATCH);
    if (after !== null) query = query.where('seq', '>', after);
    const rows = (await query.execute()) as { seq: number; actor: string; ticket_id: string | null }[];
    for (const row of rows) {
      await db
        .updateTable('audit_events')
        .set({
          actor_key: actorKeyOf(row.actor),
          ticket_key: row.ticket_id === null ? null : ticketKeyOf(row.ticket_id),
        })
        .where('seq', '=', row.seq)
        .execute();
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.seq;
  }

  await db.schema.dropIndex('audit_events_by_terminal').execute();
  await db.schema
    .createIndex('audit_events_by_terminal')
    .on('audit_events')
    .columns(['tid', 'at desc', 'seq desc'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_by_terminal').execute();
  await db.schema
    .createIndex('audit_events_by_terminal')
    .on('audit_events')
    .columns(['tid', 'at desc'])
    .execute();
  await db.schema.alterTable('audit_events').dropColumn('ticket_key').execute();
  await db.schema.alterTable('audit_events').dropColumn('actor_key').execute();
}
