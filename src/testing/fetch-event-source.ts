import type { LiveSource, LiveSourceFactory } from '@/api/live-events';

// For tests: jsdom has no EventSource. This one reads the stream through fetch (so msw/node answers it, as the
// service worker answers the browser's), with EventSource's states, events and Last-Event-ID on reconnect.

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

export interface FetchEventSources {
  factory: LiveSourceFactory;
  /** Every source made, newest last. */
  readonly opened: LiveSource[];
  closeAll(): void;
}

export function fetchEventSources(): FetchEventSources {
  const opened: (LiveSource & { close(): void })[] = [];
  const factory: LiveSourceFactory = (url) => {
    const abort = new AbortController();
    let lastEventId = '';
    const source: LiveSource & { readyState: number } = {
      readyState: CONNECTING,
      onopen: null,
      onmessage: null,
      onerror: null,
      close() {
        source.readyState = CLOSED;
        abort.abort();
      },
    };
    const run = async () => {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(url, { headers, signal: abort.signal, credentials: 'same-origin' });
      if (response.status !== 200 || !response.body) {
        source.readyState = CLOSED;
        source.onerror?.(new Event('error'));
        return;
      }
      source.readyState = OPEN;
      source.onopen?.(new Event('open'));
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, at);
          pending = pending.slice(at + 2);
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id:')) lastEventId = line.slice(3).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length > 0) {
            source.onmessage?.(new MessageEvent('message', { data: data.join('\n'), lastEventId }));
          }
        }
      }
      if (source.readyState !== CLOSED) {
        source.readyState = CONNECTING;
        source.onerror?.(new Event('error'));
      }
    };
    run().catch(() => {
      if (source.readyState === CLOSED) return;
      source.readyState = CLOSED;
      source.onerror?.(new Event('error'));
    });
    opened.push(source);
    return source;
  };
  return {
    factory,
    opened,
    closeAll: () => opened.forEach((s) => s.close()),
  };
}
