import { useEffect, useState } from 'preact/hooks';

/**
 * How long the approve button stays disabled after the card's content last changed. A page can
 * open the window or swap the card under a pointer or under typing meant for the page; the person
 * needs a moment to see what is shown before it can be approved.
 */
export const ARMING_DELAY_MS = 900;

/** False for ARMING_DELAY_MS after mount and after each change of `contentKey`, then true. */
export function useArmed(contentKey: string, delayMs = ARMING_DELAY_MS): boolean {
  const [armedKey, setArmedKey] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setArmedKey(contentKey), delayMs);
    return () => clearTimeout(timer);
  }, [contentKey, delayMs]);
  return armedKey === contentKey;
}
