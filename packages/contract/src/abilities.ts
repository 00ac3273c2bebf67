import { z } from 'zod';
import type { ErrorCode } from './errors.ts';

/**
 * One ability on an object a response returns (issue 8 item 3): `true`, or the error code the matching write route
 * refuses with. The server computes it with the same policy function the route asks, so the web app shows a button
 * only when its ability is `true` and never restates a status table. Every object kind uses this shape.
 */
export function ability<const R extends readonly [ErrorCode, ...ErrorCode[]]>(refusals: R) {
  return z.union([z.literal(true), z.enum(refusals)]);
}
