/**
 * A background answer of 4100 means the wallet locked underneath an open screen (auto-lock while
 * the worker was asleep, so no event reached us). Screens raise this signal and the app re-reads
 * the wallet state, which shows the unlock screen.
 */
const SIGNAL = 'sigil:maybe-locked';

export function signalMaybeLocked(): void {
  dispatchEvent(new Event(SIGNAL));
}

export function onMaybeLocked(listener: () => void): () => void {
  addEventListener(SIGNAL, listener);
  return () => removeEventListener(SIGNAL, listener);
}
