import { type Download, downloadFile } from '@/api/download';
import * as transactionApi from '@contract/endpoints/transactions';
import type { DownloadOptions } from '@/components/use-csv-export';
import { currentLanguage } from '@/i18n/i18n';
import type { TransactionListQuery } from './queries';

/** Every match, not just the rows loaded. */
export function exportTransactions(query: TransactionListQuery, options: DownloadOptions): Promise<Download> {
  return downloadFile(transactionApi.transactionsExport, {
    query: { ...query, lang: currentLanguage() },
    ...options,
  });
}
