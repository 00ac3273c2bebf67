import type { TQueueItem } from '../../api/entries.ts';

/** What both views of the screening queue (table on a desk, cards on a phone) are given. */
export interface QueueViewProps {
  items: TQueueItem[];
  loading: boolean;
  /** The tab lists decided entries (returned, passed, not accepted): their outcome instead of a due time, no selection. */
  decided?: boolean;
  now: number;
  selected: string[];
  onSelect(ids: string[]): void;
  onRead(item: TQueueItem): void;
}
