/** Only same-site paths are followed after sign-in, so a crafted link cannot send users to another site. */
export function safeNext(next: string | null, fallback = '/account'): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
