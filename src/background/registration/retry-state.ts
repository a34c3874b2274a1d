/**
 * What the registration queue remembers across worker restarts. The queue itself is derived from
 * the entity rows (every `local` row waits); this record holds only how the last attempts went: the
 * backoff, and the documents the resolver refused. It lives in the `settings` store under a key
 * that is not a setting (so it is never exported in a backup, and a restore clears it).
 */
import type { SigilDatabase } from '../storage';

const RETRY_STATE_KEY = 'registrationRetry';
/** A refusal is kept per DID, so the list is bounded by the number of identities; this bounds a damaged row. */
const MAX_REFUSALS = 1000;

/** The resolver refused this version of a DID's document: it is not sent again until it changes or the person asks. */
export interface Refusal {
  did: string;
  updateTime: string;
  message: string;
}

export interface RetryState {
  /** Failed attempts in a row (resolver not reachable, 5xx, 429); 0 after a success. */
  failures: number;
  /** When the retry alarm fires (ms since epoch), or null when none is due. */
  nextTryAt: number | null;
  /** Why the last attempt could not reach the resolver, or null. */
  unavailable: string | null;
  refusals: Refusal[];
}

export const EMPTY_RETRY_STATE: Readonly<RetryState> = { failures: 0, nextTryAt: null, unavailable: null, refusals: [] };

export async function readRetryState(db: SigilDatabase): Promise<RetryState> {
  const stored = await db.get('settings', RETRY_STATE_KEY);
  return isRetryState(stored) ? stored : { ...EMPTY_RETRY_STATE };
}

export async function writeRetryState(db: SigilDatabase, state: RetryState): Promise<void> {
  await db.put('settings', { ...state, refusals: state.refusals.slice(0, MAX_REFUSALS) }, RETRY_STATE_KEY);
}

function isRetryState(value: unknown): value is RetryState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<RetryState>;
  return (
    Number.isSafeInteger(state.failures) &&
    (state.nextTryAt === null || Number.isSafeInteger(state.nextTryAt)) &&
    (state.unavailable === null || typeof state.unavailable === 'string') &&
    Array.isArray(state.refusals) &&
    state.refusals.length <= MAX_REFUSALS &&
    state.refusals.every((r) => typeof r?.did === 'string' && typeof r.updateTime === 'string' && typeof r.message === 'string')
  );
}

/** First retry after 30 s (the shortest alarm Chromium allows), doubling to at most 15 minutes. */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 15 * 60_000;

export function retryDelayMs(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}
