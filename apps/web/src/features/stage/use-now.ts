import { useEffect, useState } from 'react';

/** The time, re-read every `everyMs` while `running` (the clocks tick; nothing else re-renders the page). */
export function useNow(running: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [running, everyMs]);
  return running ? now : Date.now();
}
