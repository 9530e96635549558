import { sql } from 'kysely';
import { rankStrings } from '@acquirer/fleet';
import type { Db } from './database';

/**
 * Puts each store name's and model's rank in the fleet's order (acquirer/fleet.ts `naturalOrder`: 2号店
 * before 29号店, Chinese by pinyin) on the rows the fleet list sorts: `stores.name_rank`, and on every
 * terminal its store's and its model's (migration 0006). Run after terminals or stores are written in bulk
 * (seed, reset, provisioning) and at start. Writes only the rows whose rank changed, in one transaction.
 */
export function rankFleet(db: Db): void {
  const { q } = db;
  db.transaction(() => {
    const stores = db.all(q.selectFrom('stores').select(['id', 'name', 'name_rank']));
    const names = rankStrings(stores.map((s) => s.name));
    for (const store of stores) {
      const rank = names.rank.get(store.name)!;
      if (rank !== store.name_rank) {
        db.run(q.updateTable('stores').set({ name_rank: rank }).where('id', '=', store.id));
      }
    }
    const storeRank = sql<number>`(select s.name_rank from stores s where s.id = terminals.store_id)`;
    db.run(q.updateTable('terminals').set({ store_rank: storeRank }).where('store_rank', '<>', storeRank));

    const models = rankStrings(
      db.all(q.selectFrom('terminals').select('model').distinct()).map((r) => r.model),
    );
    for (const [model, rank] of models.rank) {
      db.run(
        q
          .updateTable('terminals')
          .set({ model_rank: rank })
          .where('model', '=', model)
          .where('model_rank', '<>', rank),
      );
    }
  });
}
