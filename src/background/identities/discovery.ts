/**
 * Recovery from the phrase alone, in the wallet: asks the configured resolver for the identities a seed
 * made under default key names (src/core/discovery.ts does the search and verifies every document
 * token), then stores the ones it found with their current documents, `registered`, and their vault
 * references, in one write. Nothing is written when the resolver cannot be asked.
 */
import {
  defaultKeyNumber,
  discoverIdentities,
  DISCOVERY_MAX_LOOKUPS,
  ioticsKeyNumber,
  isCoreError,
  keyId,
  type DiscoveredIdentity,
  type DiscoveryResult,
  type DocumentTokenLookup,
} from '../../core';
import { isSafeDisplayText } from '../../core/display-text';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { DiscoveryReport, RestoredIdentityView } from '../../shared/ui-api';
import { boundedText, resolverEndpoint } from '../registration/resolver-client';
import type { Fetch } from '../platform';
import { withSafeErrors } from '../safe-errors';
import { getSetting, type EntityRecord } from '../storage';
import { addEntityRef, type VaultSecrets } from '../vault';
import type { IdentityContext } from './context';
import { newEntityRows, type WritesAlongside } from './create';
import { summaryOf } from './views';

const LOOKUP_TIMEOUT_MS = 5000;
/** The whole search, whatever the resolver does; a longer one ends as `unreachable`. */
const DISCOVERY_DEADLINE_MS = 60_000;
/** One document token per answer; the resolver refuses bodies over 1 MiB. */
const DISCOVER_BODY_MAX_CHARS = 1024 * 1024 + 64;
const KIND_WORDS = { user: 'User', agent: 'Agent', twin: 'Twin' } as const;
const LABEL_MAX_CHARS = 64;

class ResolverUnavailable extends Error {}

/**
 * GET {resolver}/1.0/discover/{did}: the token, null on 404, ResolverUnavailable on anything else
 * (not reached, timeout, 5xx, an answer that is not `{"token": "…"}`), so silence is never read as
 * an unused name.
 */
export function resolverTokenLookup(fetch: Fetch, resolverUrl: string, deadline: number): DocumentTokenLookup {
  return async (did) => {
    if (Date.now() > deadline) throw new ResolverUnavailable('The resolver took too long to answer.');
    let response: Response;
    try {
      response = await fetch(resolverEndpoint(resolverUrl, `1.0/discover/${encodeURIComponent(did)}`), {
        method: 'GET',
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
        credentials: 'omit',
      });
    } catch {
      throw new ResolverUnavailable('The resolver could not be reached.');
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResolverUnavailable(`The resolver had a problem (${response.status}).`);
    }
    let token: unknown;
    try {
      const text = await boundedText(response, DISCOVER_BODY_MAX_CHARS);
      token = text === null ? undefined : (JSON.parse(text) as { token?: unknown } | null)?.token;
    } catch {
      throw new ResolverUnavailable('The resolver’s answer could not be read.');
    }
    if (typeof token !== 'string') throw new ResolverUnavailable('The resolver answered without a document token.');
    return token;
  };
}

/** The label the document carries when it is fit to show, else "{Kind} {n + 1}". */
function labelOf(found: DiscoveredIdentity): string {
  const label = found.document.metadata?.label;
  if (typeof label === 'string' && label.trim() && [...label].length <= LABEL_MAX_CHARS && isSafeDisplayText(label)) return label;
  return `${KIND_WORDS[found.kind]} ${(defaultKeyNumber(found.kind, found.keyName) ?? 0) + 1}`;
}

/** The stored row of a found identity: its verified document and the resolver's token, registered. */
export function restoredRecord(found: DiscoveredIdentity, now: number): EntityRecord {
  const common = {
    did: found.did,
    kind: found.kind,
    label: labelOf(found),
    stage: 'registered' as const,
    document: found.document as unknown as Record<string, unknown>,
    documentToken: found.token,
    createdAt: now,
    updatedAt: now,
  };
  if (found.format === 'iotics') return { ...common, format: 'iotics', chainId: '', names: [], entries: [], removedKeys: [] };
  const chain = found.document.identityChain;
  return {
    ...common,
    format: 'sigil',
    chainId: chain.chainId,
    names: [...chain.names],
    entries: chain.entries.map((entry) => ({ extIds: [...entry.extIds], content: entry.content, stage: 'registered' as const })),
  };
}

function restoredView(found: DiscoveredIdentity, record: EntityRecord): RestoredIdentityView {
  if (found.format === 'iotics') {
    // Each rotation derives the next `#{kind}-{n}`: the largest n held is the latest key, n its rotations.
    const n = Math.max(...found.heldKeyIds.map((id) => ioticsKeyNumber(found.kind, id) ?? 0));
    return { ...summaryOf(record), currentKeyId: `#${found.kind}-${n}`, replacements: n };
  }
  const signing = found.generations.length - 1;
  return {
    ...summaryOf(record),
    currentKeyId: keyId(found.kind, signing, found.generations[signing]!),
    replacements: found.generations.reduce((sum, generation) => sum + generation, 0),
  };
}

export interface PreparedRestore {
  report: DiscoveryReport;
  /** What to store: found identities not yet in the wallet, with their seed. */
  found: DiscoveredIdentity[];
  records: EntityRecord[];
  seedId: string;
}

const emptyReport = (status: DiscoveryReport['status'], resolverUrl: string): DiscoveryReport => ({
  status,
  resolverUrl,
  restored: [],
  alreadyInWallet: [],
  refused: [],
  lookups: 0,
  complete: true,
});

/** Searches the resolver for what `seedId` (default: the first seed) made. Nothing is written. */
export function prepareRestore(ctx: IdentityContext, params: { seedId?: string }): Promise<PreparedRestore> {
  return withSafeErrors(async () => {
    const vaultKey = await ctx.wallet.requireVaultKey();
    const secrets = await ctx.keyring.secrets(vaultKey);
    const seed = params.seedId === undefined ? secrets.seeds[0] : secrets.seeds.find((s) => s.id === params.seedId);
    if (!seed) throw new SigilError(ErrorCode.invalidParams, params.seedId === undefined ? 'Add a seed to the wallet first.' : 'That seed is not in the wallet.');
    const resolverUrl = await getSetting(ctx.db, 'resolverUrl');
    if (!resolverUrl) return { report: emptyReport('no-resolver', ''), found: [], records: [], seedId: seed.id };
    let result: DiscoveryResult;
    try {
      result = await discoverIdentities({
        seed: { entropy: seed.entropy, method: seed.method, password: seed.password },
        lookup: resolverTokenLookup(ctx.fetch, resolverUrl, Date.now() + DISCOVERY_DEADLINE_MS),
        maxLookups: DISCOVERY_MAX_LOOKUPS,
      });
    } catch (error) {
      if (error instanceof ResolverUnavailable)
        return { report: { ...emptyReport('unreachable', resolverUrl), problem: error.message }, found: [], records: [], seedId: seed.id };
      if (isCoreError(error)) throw new SigilError(ErrorCode.invalidParams, `The search could not be made: ${error.message}.`);
      throw error;
    }
    const now = ctx.now();
    const fresh: DiscoveredIdentity[] = [];
    const alreadyInWallet: string[] = [];
    for (const found of result.found) {
      if (await ctx.entities.find(found.did)) alreadyInWallet.push(found.did);
      else fresh.push(found);
    }
    const records = fresh.map((found) => restoredRecord(found, now));
    const restored = fresh.map((found, i) => restoredView(found, records[i]!));
    return {
      report: {
        status: restored.length > 0 ? 'restored' : 'none-found',
        resolverUrl,
        restored,
        alreadyInWallet,
        refused: result.refused,
        lookups: result.lookups,
        complete: result.complete,
      },
      found: fresh,
      records,
      seedId: seed.id,
    };
  });
}

/** Adds the vault references of `found` (default key names, so `keyNameOrigin: 'default'`). */
function withReferences(secrets: VaultSecrets, prepared: PreparedRestore): VaultSecrets {
  return prepared.found.reduce(
    (acc, found) =>
      addEntityRef(acc, { entityId: found.did, seedId: prepared.seedId, kind: found.kind, keyName: found.keyName, format: found.format, keyNameOrigin: 'default' }),
    secrets,
  );
}

/**
 * Stores what prepareRestore found, all of it or none, with the caller's rows (the request's result).
 * An identity that appeared in the wallet meanwhile makes the write fail: nothing is overwritten.
 */
export function commitRestore(ctx: IdentityContext, prepared: PreparedRestore, alongside?: WritesAlongside): Promise<void> {
  return withSafeErrors(async () => {
    await ctx.wallet.writeSecrets((current) => ({
      secrets: withReferences(current, prepared),
      result: undefined,
      publicWrites: newEntityRows(prepared.records, alongside),
    }));
    if (prepared.records.length > 0) ctx.events.emit({ type: 'entitiesChanged', dids: prepared.records.map((r) => r.did) });
  });
}
