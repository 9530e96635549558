import type { Kysely } from 'kysely';

// The terminal protocol (issue 16, decision 022):
// - `terminals.link`: an activated terminal's credential (its Ed25519 public key, when issued, when revoked), the
//   check-in interval and app version it last reported, and the nonces of its recent requests, as JSON. Null for
//   a terminal nothing has activated: the simulator still drives it.
// - `password_commands.verifier` and `bulk_job_pending.verifier`: what an activated terminal checks the PIN a
//   command sets with (PBKDF2, its own salt), never the PIN; cleared with `new_hash` when the command closes.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('terminals').addColumn('link', 'text').execute();
  await db.schema.alterTable('password_commands').addColumn('verifier', 'text').execute();
  await db.schema.alterTable('bulk_job_pending').addColumn('verifier', 'text').execute();
}
