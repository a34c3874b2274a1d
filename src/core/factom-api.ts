/**
 * The Factom Connect API's response shapes (identities.get, identities.keys.list,
 * identities.keys.get) computed from a replayed identity.
 */
import { CoreError } from './errors';
import { decodeIdpub } from './factom-keys';
import type { ChainKey, IdentityState } from './replay';

export type Stage = 'local' | 'registered';
export const STAGES: readonly Stage[] = ['local', 'registered'];

export interface FactomKey {
  key: string;
  priority: number;
  activated_height: number | null;
  retired_height: number | null;
  entry_hash: string;
}

export interface FactomIdentity {
  data: {
    version: number;
    stage: Stage;
    chain_id: string;
    names: string[];
    active_keys: FactomKey[];
    pending_key: FactomKey | null;
    created_height: number | null;
    all_keys_href?: string;
  };
}

export interface FactomKeyList {
  offset: number;
  limit: number;
  data: FactomKey[];
  count: number;
}

export const DEFAULT_KEYS_LIMIT = 15;
export const MAX_KEYS_LIMIT = 100;

const invalid = (message: string): CoreError => new CoreError('INVALID_PARAMS', message);

export const toFactomKey = (key: ChainKey): FactomKey => ({
  key: key.idpub,
  priority: key.priority,
  activated_height: key.activatedHeight,
  retired_height: key.retiredHeight,
  entry_hash: key.entryHash,
});

/**
 * identities.get. Heights are entry indexes (first entry = 0), so `created_height` is 0. Sigil
 * applies replacements as soon as they are signed, so `pending_key` is always null.
 */
export function factomIdentity(state: IdentityState, options: { stage: Stage; allKeysHref?: string }): FactomIdentity {
  if (!STAGES.includes(options?.stage)) throw invalid('stage must be local or registered.');
  const data: FactomIdentity['data'] = {
    version: state.version,
    stage: options.stage,
    chain_id: state.chainId,
    names: [...state.names],
    active_keys: state.activeKeys.map(toFactomKey),
    pending_key: null,
    created_height: 0,
  };
  if (options.allKeysHref !== undefined) data.all_keys_href = options.allKeysHref;
  return { data };
}

function integerParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(`${name} must be an integer.`);
  return value;
}

/**
 * identities.keys.list: every key in the order it was added. `limit` is 1…100 (default 15),
 * `offset` ≥ 0 (default 0); an offset past the end gives an empty page. The response's `limit` is
 * the limit that was applied, as in the SDK's sample.
 */
export function factomKeys(state: IdentityState, params: { limit?: unknown; offset?: unknown } = {}): FactomKeyList {
  const limit = integerParam(params.limit, 'limit', DEFAULT_KEYS_LIMIT);
  const offset = integerParam(params.offset, 'offset', 0);
  if (limit < 1 || limit > MAX_KEYS_LIMIT) throw invalid(`limit must be between 1 and ${MAX_KEYS_LIMIT}.`);
  if (offset < 0) throw invalid('offset must not be negative.');
  return {
    offset,
    limit,
    data: state.keys.slice(offset, offset + limit).map(toFactomKey),
    count: state.keys.length,
  };
}

/** identities.keys.get. */
export function factomKey(state: IdentityState, params: { key?: unknown }): { data: FactomKey } {
  const key = params?.key;
  if (key === undefined || key === null || key === '') throw invalid('key is required.');
  if (typeof key !== 'string') throw invalid('key is invalid.');
  try {
    decodeIdpub(key);
  } catch {
    throw invalid('key is invalid.');
  }
  const found = state.keys.find((k) => k.idpub === key);
  if (!found) throw new CoreError('NOT_FOUND', 'key is not a key of this identity.');
  return { data: toFactomKey(found) };
}
