import { type Download, downloadFile } from '@/api/download';
import * as terminalApi from '@/api/endpoints/terminals';
import type { FleetQuery } from '@/api/queries/terminals';
import type { DownloadOptions } from '@/components/use-csv-export';

/** The fleet list's CSV (UTF-8 with BOM, incl. last seen) for exactly the filter and sort on screen. */
export function exportTerminals(query: FleetQuery, options: DownloadOptions): Promise<Download> {
  return downloadFile(terminalApi.terminalsExport, { query, ...options });
}
