import { type Download, downloadFile } from '@/api/download';
import * as transactionApi from '@/api/endpoints/transactions';
import type { DownloadOptions } from '@/components/use-csv-export';
import { currentLanguage } from '@/i18n/i18n';
import type { TransactionListQuery } from './queries';

/** The CSV of a list's current filter (every match, not just the rows loaded), in the reader's language. */
export function exportTransactions(query: TransactionListQuery, options: DownloadOptions): Promise<Download> {
  return downloadFile(transactionApi.transactionsExport, {
    query: { ...query, lang: currentLanguage() },
    ...options,
  });
}
