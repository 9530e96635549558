import { type Download, downloadFile } from '@/api/download';
import * as terminalApi from '@/api/endpoints/terminals';
import type { FleetQuery } from '@/api/queries/terminals';
import type { DownloadOptions } from '@/components/use-csv-export';

export function exportTerminals(query: FleetQuery, options: DownloadOptions): Promise<Download> {
  return downloadFile(terminalApi.terminalsExport, { query, ...options });
}
