import { apiClient } from '@/api/client';
import { events as eventsEndpoint } from '@contract/endpoints/events';
import { LiveEvent } from '@contract/schemas/events';
import { setLiveState as setState, liveStatus } from './live-status';

// The live stream of one signed-in tab (GET /events, decision 023): one EventSource, its health for the
// polls to read (they slow down while it is open and speed up again when it is down), each event handed on
// parsed. Nothing of an event is stored anywhere but the query cache it refreshes.

/** What the app needs of an EventSource (the browser's; tests give one that reads through fetch). */
export interface LiveSource {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export type LiveSourceFactory = (url: string, init: { withCredentials: boolean }) => LiveSource;

let makeSource: LiveSourceFactory | null =
  typeof EventSource === 'function' ? (url, init) => new EventSource(url, init) : null;

/** For tests (jsdom has no EventSource). */
export function setLiveSourceFactory(factory: LiveSourceFactory | null): void {
  makeSource = factory;
}

const CLOSED = 2;
/** Waits before opening again a stream the browser gave up on (a 5xx, a proxy's error page). */
const RETRY_MS = [5_000, 15_000, 30_000, 60_000];

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  /** The stream went down: what it would have said, polls must now find. */
  onDown(): void;
}

/**
 * Opens the stream and keeps it open: EventSource reconnects by itself (sending Last-Event-ID); when it gives
 * up (an answer that is not a stream: a 401 after sign-out, a 5xx) it is opened again with back-off.
 * Answers the function that closes it.
 */
export function connectLive(handlers: LiveHandlers): () => void {
  if (!makeSource) return () => {};
  const factory = makeSource;
  let source: LiveSource | null = null;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const down = () => {
    if (liveStatus.get() === 'open') {
      setState('down');
      handlers.onDown();
    } else setState('down');
  };
  const open = () => {
    setState('connecting');
    // Same origin, with the session cookie; never a token in the URL.
    const current = factory(apiClient.urlOf(eventsEndpoint), { withCredentials: true });
    source = current;
    current.onopen = () => {
      retries = 0;
      setState('open');
    };
    current.onmessage = (message) => {
      let parsed: ReturnType<typeof LiveEvent.safeParse>;
      try {
        parsed = LiveEvent.safeParse(JSON.parse(message.data));
      } catch {
        return;
      }
      // A kind this app does not know yet (a newer server): nothing to refresh.
      if (parsed.success) handlers.onEvent(parsed.data);
    };
    current.onerror = () => {
      if (closed) return;
      down();
      if (current.readyState === CLOSED) {
        current.close();
        const wait = RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]!;
        retryTimer = setTimeout(() => {
          if (!closed) open();
        }, wait);
      }
    };
  };
  open();
  return () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    source?.close();
    setState('off');
  };
}
