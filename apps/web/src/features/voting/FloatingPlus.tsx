import { useEffect, useRef } from 'react';

/**
 * The "+15" that floats up from the vote button after a counted vote (the receipt's weight). Web Animations, so no
 * stylesheet is needed; with reduced motion it just fades. It stays in the DOM, invisible, until the next vote.
 */
export function FloatingPlus({ text }: { text: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof el.animate !== 'function') return;
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const frames: Keyframe[] = still
      ? [{ opacity: 1 }, { opacity: 0 }]
      : [
          { opacity: 0, transform: 'translate(-50%, 0) scale(0.8)' },
          { opacity: 1, transform: 'translate(-50%, -28px) scale(1.15)', offset: 0.25 },
          { opacity: 1, transform: 'translate(-50%, -56px) scale(1)', offset: 0.7 },
          { opacity: 0, transform: 'translate(-50%, -84px) scale(1)' },
        ];
    const run = el.animate(frames, { duration: 1400, easing: 'ease-out', fill: 'forwards' });
    return () => run.cancel();
  }, []);
  return (
    <span
      ref={ref}
      data-testid="vote-plus"
      aria-hidden="true"
      style={{
        position: 'absolute',
        left: '50%',
        top: -8,
        transform: 'translate(-50%, 0)',
        zIndex: 2,
        pointerEvents: 'none',
        fontSize: 32,
        fontWeight: 800,
        color: '#f5222d',
        textShadow: '0 2px 6px rgba(0,0,0,0.15)',
        whiteSpace: 'nowrap',
      }}
    >
      {text}
    </span>
  );
}
