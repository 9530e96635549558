import { type Download, downloadFile } from '@/api/download';
import type { DownloadOptions } from '@/components/use-csv-export';
import { currentLanguage } from '@/i18n/i18n';
import * as transactionApi from '@contract/endpoints/transactions';

export function exportTerminalTransactions(tid: string, options: DownloadOptions): Promise<Download> {
  return downloadFile(transactionApi.transactionsExport, {
    query: { terminalId: tid, lang: currentLanguage() },
    ...options,
  });
}
