import { MAINLAND_MOBILE } from '@casearena/contract';

export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string } | null;

/** An identifier is an email address or a mainland mobile number (with or without +86). */
export function parseIdentifier(raw: string): Identifier {
  const s = raw.trim();
  if (s.includes('@')) return { kind: 'email', value: s.toLowerCase() };
  const digits = s.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return MAINLAND_MOBILE.test(digits) ? { kind: 'phone', value: digits } : null;
}
