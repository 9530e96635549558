import { type Download, downloadFile } from '@/api/download';
import * as transactionApi from '@/api/endpoints/transactions';
import type { DownloadOptions } from '@/components/use-csv-export';

/** This terminal's transactions as CSV: the backup offered before a reset. */
export function exportTerminalTransactions(tid: string, options: DownloadOptions): Promise<Download> {
  return downloadFile(transactionApi.transactionsExport, { query: { terminalId: tid }, ...options });
}
