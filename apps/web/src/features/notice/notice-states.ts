import type { TNoticeState, TObjectionState } from '@casearena/contract';

export const NOTICE_STATE_COLORS = {
  draft: 'default',
  open: 'processing',
  ended: 'orange',
  final: 'success',
} as const satisfies Record<TNoticeState, string>;

export const OBJECTION_STATE_COLORS = {
  open: 'processing',
  info_requested: 'orange',
  upheld: 'red',
  dismissed: 'default',
} as const satisfies Record<TObjectionState, string>;
