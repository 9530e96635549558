import type { Kysely } from 'kysely';
import type pg from 'pg';
import {
  LIVE_EVENTS_KEPT_MS,
  type LiveEventDraft,
  type LiveEventRecord,
  type LiveFeed,
} from '@acquirer/live-events';
import type { LiveEvent } from '@contract/schemas/events';
import { poolOf } from './postgres';
import type { Database } from './schema';

// Live events shared by several server processes on PostgreSQL (decision 023). A run's events are written
// in its own transaction, under the state lock (decision 021), so their numbers follow the commits; the same
// statement calls `pg_notify`, which PostgreSQL delivers at the commit. Each process LISTENs on one connection
// of its own and, when woken, reads the rows after the last number it saw: a notification lost (a dropped
// connection) costs nothing but a delay, as the next read takes everything after that number.

export const LIVE_CHANNEL = 'live_events';

/** Rows read per query when catching up. */
const PAGE = 1_000;

/**
 * Writes a run's events on `client` (inside the run's transaction, which holds the state lock) and wakes the
 * listeners at the commit. One round trip.
 */
export async function writeLiveEvents(
  client: pg.PoolClient,
  drafts: readonly LiveEventDraft[],
  storedAt: number,
): Promise<void> {
  if (drafts.length === 0) return;
  await client.query(
    `WITH head AS (SELECT coalesce(max(id), 0) AS id FROM live_events),
          added AS (
            INSERT INTO live_events (id, stored_at, merchant_id, body)
            SELECT head.id + e.n, $1, e.merchant_id, e.body
            FROM head, unnest($2::bigint[], $3::text[], $4::text[]) AS e(n, merchant_id, body)
            RETURNING id)
     SELECT pg_notify('${LIVE_CHANNEL}', max(id)::text) FROM added`,
    [
      storedAt,
      drafts.map((_, i) => i + 1),
      drafts.map((d) => d.merchantId),
      drafts.map((d) => JSON.stringify(d.event)),
    ],
  );
}

interface Row {
  id: number | string;
  merchant_id: string | null;
  body: string;
}

const recordOf = (row: Row): LiveEventRecord => ({
  id: Number(row.id),
  merchantId: row.merchant_id,
  event: JSON.parse(row.body) as LiveEvent,
});

export interface PostgresLiveFeed extends LiveFeed {
  close(): Promise<void>;
}

/** The feed of one process: LISTEN on a connection of its own, reads on the pool, old rows pruned. */
export async function postgresLiveFeed(
  q: Kysely<Database>,
  options: { keptMs?: number; onError?: (error: unknown) => void } = {},
): Promise<PostgresLiveFeed> {
  const pool = poolOf(q);
  const keptMs = options.keptMs ?? LIVE_EVENTS_KEPT_MS;
  const listeners = new Set<(records: readonly LiveEventRecord[]) => void>();
  const query = async (text: string, values: unknown[] = []) =>
    (await pool.query(text, values)).rows as Row[];
  const headRow = await pool.query<{ id: string | null }>('SELECT max(id) AS id FROM live_events');
  let seen = Number(headRow.rows[0]?.id ?? 0);
  let closed = false;

  // One read at a time; a wake-up during a read reads again after it.
  let reading: Promise<void> | null = null;
  let again = false;
  const catchUp = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        for (;;) {
          const rows = await query(
            'SELECT id, merchant_id, body FROM live_events WHERE id > $1 ORDER BY id LIMIT $2',
            [seen, PAGE],
          );
          if (rows.length === 0) break;
          const records = rows.map(recordOf);
          seen = records.at(-1)!.id;
          for (const listener of [...listeners]) listener(records);
          if (rows.length < PAGE) break;
        }
      } while (again && !closed);
    })()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  let listener: pg.PoolClient | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const listen = async (): Promise<void> => {
    try {
      const client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === LIVE_CHANNEL) void catchUp();
      });
      client.on('error', (error) => {
        options.onError?.(error);
        client.release(error);
        if (listener === client) listener = null;
        if (!closed) retry = setTimeout(() => void listen(), 1_000);
      });
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      listener = client;
      // What was written while no one listened.
      void catchUp();
    } catch (error) {
      options.onError?.(error);
      if (!closed) retry = setTimeout(() => void listen(), 1_000);
    }
  };
  await listen();

  // Rows past the window go; the newest stays, so numbers never start again from 1.
  const prune = setInterval(() => {
    void pool
      .query('DELETE FROM live_events WHERE stored_at < $1 AND id < (SELECT max(id) FROM live_events)', [
        Date.now() - keptMs,
      ])
      .catch((error: unknown) => options.onError?.(error));
  }, 60_000);
  prune.unref();

  return {
    async since(lastId) {
      const bounds = await pool.query<{ first: string | null; head: string | null }>(
        'SELECT min(id) AS first, max(id) AS head FROM live_events',
      );
      const head = Number(bounds.rows[0]?.head ?? 0);
      const first = bounds.rows[0]?.first === null ? head + 1 : Number(bounds.rows[0]?.first);
      if (lastId < first - 1 || lastId > head) return { gap: true, head };
      const records: LiveEventRecord[] = [];
      let after = lastId;
      for (;;) {
        const rows = await query(
          'SELECT id, merchant_id, body FROM live_events WHERE id > $1 ORDER BY id LIMIT $2',
          [after, PAGE],
        );
        records.push(...rows.map(recordOf));
        if (rows.length < PAGE) return records;
        after = records.at(-1)!.id;
      }
    },
    subscribe(listen) {
      listeners.add(listen);
      return () => listeners.delete(listen);
    },
    async close() {
      closed = true;
      clearInterval(prune);
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      if (client) {
        await client.query(`UNLISTEN ${LIVE_CHANNEL}`).catch(() => {});
        client.release();
      }
      await reading;
    },
  };
}
