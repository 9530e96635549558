// For tests: reads a text/event-stream response as EventSource would (messages by blank lines, `id:` and
// `data:` fields, comments apart), keeping the raw text too, so a test can look for what must never be in it.

export interface SseMessage {
  id: string | null;
  data: string;
}

export interface SseReader {
  /** Every message so far. */
  readonly messages: SseMessage[];
  /** Every comment line so far (heartbeats). */
  readonly comments: string[];
  /** The raw text so far. */
  text(): string;
  /** Resolves once `until` holds of the messages, or rejects after `timeoutMs`. */
  waitFor(until: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ended the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export function readSse(response: Response): SseReader {
  if (!response.body) throw new Error('no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  let raw = '';
  let pending = '';
  let notify = () => {};
  const parse = () => {
    let at: number;
    while ((at = pending.indexOf('\n\n')) >= 0) {
      const block = pending.slice(0, at);
      pending = pending.slice(at + 2);
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) messages.push({ id, data: data.join('\n') });
    }
    notify();
  };
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        pending += text;
        parse();
      }
    } catch {
      // closed by us
    }
  })();
  return {
    messages,
    comments,
    text: () => raw,
    ended,
    async waitFor(until, timeoutMs = 5_000) {
      if (until(messages)) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no such message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`)),
          timeoutMs,
        );
        const previous = notify;
        notify = () => {
          previous();
          if (until(messages)) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
    },
    close: () => void reader.cancel().catch(() => {}),
  };
}
