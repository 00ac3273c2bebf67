import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const CSRF_COOKIE = 'ca_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Double-submit token: a random value in a SameSite=Strict cookie that scripts on our own origin can read and
 * must echo in a header. A cross-site form or fetch can neither read the cookie nor set the header without a
 * CORS grant, which the API never gives. A foreign Origin header is refused outright as well.
 */
export function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure, httpOnly: false });
  request.cookies[CSRF_COOKIE] = token;
  return token;
}

export function checkCsrf(request: FastifyRequest, allowedOrigins: ReadonlySet<string>): void {
  if (!UNSAFE.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin && !allowedOrigins.has(origin) && origin !== `${request.protocol}://${request.host}`) {
    throw new AppError('CSRF_FAILED');
  }
  const cookie = request.cookies[CSRF_COOKIE];
  const header = request.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string' || header.length !== cookie.length) throw new AppError('CSRF_FAILED');
  if (!timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) throw new AppError('CSRF_FAILED');
}
