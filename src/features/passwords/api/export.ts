import { type Download, downloadFile } from '@/api/download';
import * as transactionApi from '@contract/endpoints/transactions';
import type { DownloadOptions } from '@/components/use-csv-export';
import { currentLanguage } from '@/i18n/i18n';

export function exportTerminalTransactions(tid: string, options: DownloadOptions): Promise<Download> {
  return downloadFile(transactionApi.transactionsExport, {
    query: { terminalId: tid, lang: currentLanguage() },
    ...options,
  });
}
