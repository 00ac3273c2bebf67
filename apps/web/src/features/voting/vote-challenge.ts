import type { TVoteChallenge } from '@casearena/contract';
import { api } from '../../api/client.ts';

/**
 * The self-hosted challenge (issue 9 item 5) solved in the browser: the server's ALTCHA proof of work, fetched from
 * GET /api/voting/challenge, worked out with WebCrypto (no third-party service; hospital intranets reach none), and
 * sent as the vote's `challenge` (the base64 JSON payload the server checks). Loaded only when a vote is refused
 * with CHALLENGE_REQUIRED, so ordinary voters never download the solver.
 */
export async function solveVoteChallenge(signal?: AbortSignal): Promise<string> {
  const challenge = await api<TVoteChallenge>('GET', '/api/voting/challenge', undefined, signal);
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/web/pbkdf2'),
  ]);
  const controller = new AbortController();
  signal?.addEventListener('abort', () => controller.abort());
  const solution = await solveChallenge({ challenge, deriveKey, controller, timeout: 120_000 });
  if (!solution) throw new DOMException('challenge not solved', 'AbortError');
  const json = JSON.stringify({ challenge, solution });
  // btoa takes Latin-1 only; the payload is ASCII JSON, encoded byte by byte to be safe.
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}
