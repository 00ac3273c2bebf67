import type { TVoteVoid } from '@casearena/contract';

export const VOID_STATUS_COLORS = {
  planned: 'blue',
  applied: 'red',
  reverted: 'default',
  discarded: 'default',
} as const satisfies Record<TVoteVoid['status'], string>;
