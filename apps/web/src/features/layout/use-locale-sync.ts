import type { TMe } from '@casearena/contract';
import { useEffect, useRef } from 'react';
import { saveLocale } from '../../api/me.ts';
import { setLanguage, storedLanguage } from '../../i18n/index.ts';

/**
 * Reconciles the device's language with the profile's once per signed-in user: a choice made on this device
 * wins (and is saved, so mail and server messages follow it); otherwise the profile's saved locale is adopted.
 */
export function useLocaleSync(me: TMe | null | undefined) {
  const synced = useRef<string | null>(null);
  useEffect(() => {
    if (!me || synced.current === me.user.id) return;
    synced.current = me.user.id;
    const chosen = storedLanguage();
    if (chosen && chosen !== me.user.locale) void saveLocale(chosen).catch(() => undefined);
    else if (!chosen) setLanguage(me.user.locale, false);
  }, [me]);
}
