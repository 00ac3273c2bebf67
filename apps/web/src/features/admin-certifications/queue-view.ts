import type { TCertificationView as TCertification } from '@casearena/contract';

/** What both views of the review queue (table on a desk, cards on a phone) are given. */
export interface QueueViewProps {
  items: TCertification[];
  loading: boolean;
  /** The request being approved right now, to show its button busy. */
  approvingId: string | null;
  onApprove: (cert: TCertification) => void;
  onReject: (cert: TCertification) => void;
  pagination: { current: number; pageSize: number; total: number; onChange: (page: number) => void };
}
