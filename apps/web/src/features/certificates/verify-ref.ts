/**
 * `<number>.<code>` from the short link (/v/CA2026-000123-K.3f9a1c); null when the link is not of that shape, so the
 * page says "not found" without asking the server. The number may itself hold no dot; the code is after the last one.
 */
export function parseVerifyRef(ref: string): { number: string; code: string } | null {
  const dot = ref.lastIndexOf('.');
  if (dot <= 0 || dot === ref.length - 1) return null;
  return { number: ref.slice(0, dot), code: ref.slice(dot + 1) };
}
