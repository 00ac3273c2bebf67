import http from 'node:http';

/** One Server-Sent Event as a browser's EventSource would dispatch it, with when it arrived (performance.now()). */
export interface SseEvent {
  event: string;
  data: string;
  at: number;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every event so far, in order; comment lines (heartbeats) are counted in `comments`. */
  events: SseEvent[];
  comments: string[];
  /** The `retry:` hint, once seen. */
  retry: number | null;
  /** The body as received, for responses that are not a stream (a refusal's JSON). */
  text(): string;
  /**
   * The first event from index `from` on that passes `match`, waiting for it at most `ms` (a deadline for the
   * test, not a measurement: the caller prints the latency it saw).
   */
  next(match: (e: SseEvent) => boolean, options?: { ms?: number; from?: number }): Promise<SseEvent>;
  /** Whether the server ended the stream. */
  ended(): boolean;
  close(): void;
}

/**
 * Opens `url` over real HTTP and reads it as text/event-stream (the parsing of the WHATWG spec: fields `event`,
 * `data`, `retry`, comment lines starting with ':', an empty line dispatches). Resolves once the response head is in.
 */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      res.setEncoding('utf8');
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let raw = '';
      let buffer = '';
      let current: { event: string; data: string[] } = { event: 'message', data: [] };
      let ended = false;
      const stream: SseStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        retry: null,
        text: () => raw,
        ended: () => ended,
        close: () => req.destroy(),
        next(match, { ms = 5_000, from = 0 } = {}) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = events.slice(from).find(match);
              if (found) {
                clearTimeout(timer);
                waiters.delete(check);
                done(found);
              } else if (ended) {
                clearTimeout(timer);
                waiters.delete(check);
                fail(new Error(`the stream ended before the event came; events: ${JSON.stringify(events)}`));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${ms} ms; events so far: ${JSON.stringify(events)}`));
            }, ms);
            waiters.add(check);
            check();
          });
        },
      };
      const wake = () => {
        for (const w of [...waiters]) w();
      };
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let nl = buffer.search(/\r\n|\n|\r/);
        while (nl >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
          if (line === '') {
            if (current.data.length > 0) {
              events.push({ event: current.event, data: current.data.join('\n'), at: performance.now() });
            }
            current = { event: 'message', data: [] };
          } else if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') current.event = value;
            else if (field === 'data') current.data.push(value);
            else if (field === 'retry' && /^\d+$/.test(value)) stream.retry = Number(value);
          }
          nl = buffer.search(/\r\n|\n|\r/);
        }
        wake();
      });
      const finish = () => {
        ended = true;
        wake();
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      resolve(stream);
    });
  });
}
