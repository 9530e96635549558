import { apiClient, type CallOptions, malformedResponse } from './client';
import type { Endpoint } from '@contract/endpoints/endpoint';
import { ApiError } from './errors';

/** Apart from the client so only screens with an export load it (docs/performance.md). */

export interface DownloadProgress {
  received: number;
  total: number | null;
}

export interface DownloadOptions<E extends Endpoint> extends CallOptions<E> {
  onDownloadProgress?: (progress: DownloadProgress) => void;
}

export interface Download {
  file: File;
  /** `X-Export-Truncated: true`: the file holds only the first rows the server allows. */
  truncated: boolean;
}

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
 * Anything but CSV is an unreadable answer, and a connection lost halfway a network error, never a short
 * file.
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
