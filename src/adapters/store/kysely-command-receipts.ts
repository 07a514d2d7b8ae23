import type { CommandReceipts } from '../../ports/store/command-receipts.js';
import type { DatabaseHandle } from './database-handle.js';

export function createKyselyCommandReceipts({ db }: DatabaseHandle): CommandReceipts {
  return {
    async recordOnce(platform, requestKey, now) {
      // The primary key decides: of concurrent inserts exactly one gets its row back.
      const row = await db
        .insertInto('command_receipts')
        .values({ platform, request_key: requestKey, created_at: now })
        .onConflict((oc) => oc.columns(['platform', 'request_key']).doNothing())
        .returning('request_key')
        .executeTakeFirst();
      return row === undefined ? 'duplicate' : 'first';
    },

    async purgeBefore(before) {
      const result = await db.deleteFrom('command_receipts').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
