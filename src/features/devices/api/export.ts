import { type Download, downloadFile } from '@/api/download';
import * as terminalApi from '@contract/endpoints/terminals';
import type { FleetQuery } from '@/api/queries/terminals';
import type { DownloadOptions } from '@/components/use-csv-export';
import { currentLanguage } from '@/i18n/i18n';

/** The fleet list's CSV for exactly the filter and sort on screen, in the reader's language. */
export function exportTerminals(query: FleetQuery, options: DownloadOptions): Promise<Download> {
  return downloadFile(terminalApi.terminalsExport, {
    query: { ...query, lang: currentLanguage() },
    ...options,
  });
}
