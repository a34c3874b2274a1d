/**
 * The home list is the screen most openings show. Asking for it while the wallet state is still on
 * its way saves one round trip to the background on the first paint; the answer is used once, by
 * the first home screen, and dropped if the wallet turns out to be locked.
 */
import type { UiResponse } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';

let early: Promise<UiResponse<'ui_entities'>> | null = null;

export function prefetchEntities(): void {
  early = callBackground('ui_entities', undefined);
  early.catch(() => undefined);
}

/** The prefetched answer the first time, a fresh request after that. */
export function loadEntities(): Promise<UiResponse<'ui_entities'>> {
  const answer = early;
  early = null;
  return answer ?? callBackground('ui_entities', undefined);
}
