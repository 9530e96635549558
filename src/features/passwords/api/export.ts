import { type Download, downloadFile } from '@/api/download';
import * as transactionApi from '@/api/endpoints/transactions';
import type { DownloadOptions } from '@/components/use-csv-export';
import { currentLanguage } from '@/i18n/i18n';

/** This terminal's transactions as CSV, in the reader's language: the backup offered before a reset. */
export function exportTerminalTransactions(tid: string, options: DownloadOptions): Promise<Download> {
  return downloadFile(transactionApi.transactionsExport, {
    query: { terminalId: tid, lang: currentLanguage() },
    ...options,
  });
}
