/**
 * Fan-out of small live messages (a vote count, later a stage's state) to every open page on every node. In
 * embedded mode it stays in this process; with REDIS_URL a Redis pub/sub carries it to the other nodes too
 * (`redis-realtime.ts`). Messages are hints for open pages, never the truth: a page that missed one reloads the
 * durable figures from the API.
 */
export interface Realtime {
  publish(channel: string, message: string): void;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: (message: string) => void): () => void;
  /**
   * Whether messages published on other nodes reach this one now (always true in process). While false, open pages
   * poll the API instead of waiting for messages.
   */
  connected(): boolean;
  /** Told when `connected()` changes; returns the function that stops telling. */
  onConnectedChange(listener: (connected: boolean) => void): () => void;
  close(): Promise<void>;
}

export function createLocalRealtime(): Realtime {
  const listeners = new Map<string, Set<(message: string) => void>>();
  return {
    publish(channel, message) {
      for (const listener of listeners.get(channel) ?? []) listener(message);
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(channel);
      };
    },
    connected: () => true,
    onConnectedChange: () => () => {},
    async close() {
      listeners.clear();
    },
  };
}
