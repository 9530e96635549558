import { apiClient, type CallOptions, malformedResponse } from './client';
import type { Endpoint } from './endpoints/endpoint';
import { ApiError } from './errors';

/**
 * File answers (CSV exports), apart from the client so that only the screens with an export
 * load this code (docs/performance.md).
 */

export interface DownloadProgress {
  received: number;
  /** From `Content-Length`; null when the server streams without one. */
  total: number | null;
}

export interface DownloadOptions<E extends Endpoint> extends CallOptions<E> {
  /** Bytes received so far, and the size when the server says it. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
}

/** A downloaded file, and whether the server cut it short (its export row limit). */
export interface Download {
  file: File;
  /** `X-Export-Truncated: true`: the file holds only the first rows the server allows. */
  truncated: boolean;
}

/** The file name of `Content-Disposition: attachment; filename="x.csv"` (or `filename*=UTF-8''…`). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return safeFileName(decodeURIComponent(encoded[1].trim()));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ? safeFileName(plain[1].trim()) : null;
}

/** No folders, no control characters: the server names the file, not where it goes. */
function safeFileName(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/\u0000-\u001f]/g, '_').replace(/^\.+/, '');
  return cleaned || null;
}

/**
 * Calls an endpoint that answers a CSV file (`response: 'csv'`) and returns it as a File
 * named by `Content-Disposition` (and whether the server cut it short), read chunk by chunk so the caller can show progress.
 * Anything but CSV (an error page, JSON) is an unreadable answer, never the user's file; a
 * connection lost halfway is a network error, not a short file.
 */
export function downloadFile<E extends Endpoint & { response: 'csv' }>(
  endpoint: E,
  options: DownloadOptions<E> = {},
  client = apiClient,
): Promise<Download> {
  return client.request(endpoint, options, async (response, isMutation) => {
    const type = response.headers.get('Content-Type') ?? '';
    if (!/^text\/csv\b/i.test(type)) throw malformedResponse(response.status, isMutation);
    const name = fileNameOf(response.headers.get('Content-Disposition')) ?? 'download';
    const length = Number(response.headers.get('Content-Length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const report = options.onDownloadProgress;
    const chunks: BlobPart[] = [];
    try {
      if (!report || !response.body) {
        // Bytes, not a Blob: a Blob of another realm (fetch's vs the page's) would not be read.
        chunks.push(new Uint8Array(await response.arrayBuffer()));
      } else {
        const reader = response.body.getReader();
        let received = 0;
        report({ received, total });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.byteLength;
          report({ received, total });
        }
      }
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new ApiError({ kind: 'network', code: 'client.network' });
    }
    const truncated = response.headers.get('X-Export-Truncated') === 'true';
    return { file: new File(chunks, name, { type }), truncated };
  });
}
