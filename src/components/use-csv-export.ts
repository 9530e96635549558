import { useCallback, useEffect, useRef, useState } from 'react';
import type { Download, DownloadProgress } from '@/api/download';

// Knows nothing of what is exported; export-button.tsx is its UI.

export type CsvExportState =
  | { status: 'idle' }
  | { status: 'downloading'; progress: DownloadProgress }
  | { status: 'done'; fileName: string; size: number; truncated: boolean }
  | { status: 'failed'; error: unknown };

export interface DownloadOptions {
  signal: AbortSignal;
  onDownloadProgress: (progress: DownloadProgress) => void;
  timeoutMs: number;
}

export const EXPORT_TIMEOUT_MS = 120_000;

export function saveFile(file: File, fallbackName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name && file.name !== 'download' ? file.name : fallbackName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Freed once the browser had a moment to read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useCsvExport(
  download: (options: DownloadOptions) => Promise<Download>,
  { fallbackName = 'export.csv' }: { fallbackName?: string } = {},
) {
  const [state, setState] = useState<CsvExportState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  // Leaving the page cancels a download nobody will see finish.
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ status: 'downloading', progress: { received: 0, total: null } });
    try {
      const { file, truncated } = await download({
        signal: current.signal,
        timeoutMs: EXPORT_TIMEOUT_MS,
        onDownloadProgress: (progress) => {
          if (!current.signal.aborted) setState({ status: 'downloading', progress });
        },
      });
      if (current.signal.aborted) return;
      saveFile(file, fallbackName);
      setState({ status: 'done', fileName: file.name, size: file.size, truncated });
    } catch (error) {
      if (current.signal.aborted) return;
      setState({ status: 'failed', error });
    }
  }, [download, fallbackName]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, start, cancel };
}
