import type { TLeaderboard, TVoteCountEvent } from '@casearena/contract';

/**
 * A leaderboard after a live count: the entry's row takes the new figures and the rows are ordered again (weighted
 * total, then votes; the server's further tie-breaks, the earlier last vote then the number, are kept by the stable
 * sort from its last answer) and ranked by position. Null when the entry is not among the rows shown (it may have
 * climbed into them): the caller reloads the page from the API then.
 */
export function applyCount(board: TLeaderboard, event: TVoteCountEvent): TLeaderboard | null {
  if (!board.countsShown) return board;
  const at = board.rows.findIndex((r) => r.entryId === event.entryId);
  if (at < 0) return null;
  const rows = board.rows.map((r, i) => (i === at ? { ...r, weight: event.weight, votes: event.votes } : r));
  const firstRank = board.rows[0]?.rank ?? 1;
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.weight - a.r.weight || b.r.votes - a.r.votes || a.i - b.i)
    .map(({ r }, i) => ({ ...r, rank: firstRank + i }));
  return { ...board, rows: sorted };
}
