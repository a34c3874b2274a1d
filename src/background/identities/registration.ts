/**
 * Registering documents with the configured IOTICS resolver (DESIGN.md §5). Without a reachable
 * resolver nothing fails: entities stay `local` and are registered on a later attempt.
 */
import { decodeJwt, type DidDocument } from '../../core';
import { emitWalletEvent } from '../events';
import { database, session } from '../services';
import { getSetting, writeAtomically, type EntityRecord } from '../storage';
import { allEntities, loadEntity } from './entity-state';
import { secretKeyFor } from './keyring';
import { documentAudience, entityRecordFor } from './records';

const REGISTER_TIMEOUT_MS = 5000;

async function postToken(resolverUrl: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('1.0/register', resolverUrl.endsWith('/') ? resolverUrl : `${resolverUrl}/`), {
      method: 'POST',
      // text/plain keeps it a simple CORS request: no preflight.
      headers: { 'content-type': 'text/plain' },
      body: token,
      signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** A token for the current resolver: re-signed when the resolver changed since it was signed. */
async function tokenFor(record: EntityRecord, resolverUrl: string): Promise<{ record: EntityRecord; token: string } | null> {
  const audience = documentAudience(resolverUrl);
  if (record.documentToken && decodeJwt(record.documentToken).claims.aud === audience) return { record, token: record.documentToken };
  const vaultKey = await (await session()).currentVaultKey();
  if (!vaultKey) return null;
  const loaded = await loadEntity(record);
  const master = loaded.state.activeKeys[0]!;
  const secret = await secretKeyFor(vaultKey, record.did, record.kind, master);
  if (!secret) return null;
  const updated = await entityRecordFor({ document: loaded.document, masterSecret: secret, resolverUrl, previous: record, now: Date.now() });
  return { record: { ...updated, updatedAt: record.updatedAt }, token: updated.documentToken! };
}

/** Registers one entity's current document; returns true when the resolver accepted it. */
export async function registerEntity(record: EntityRecord): Promise<boolean> {
  const db = await database();
  const resolverUrl = await getSetting(db, 'resolverUrl');
  if (!resolverUrl) return false;
  const signed = await tokenFor(record, resolverUrl);
  if (!signed || !(await postToken(resolverUrl, signed.token))) return false;
  const updateTime = (record.document as unknown as DidDocument).updateTime;
  const stored = await writeAtomically(db, ['entities'], async (tx) => {
    const current = await tx.objectStore('entities').get(record.did);
    // Only mark what was sent: a newer document written meanwhile stays local.
    if (!current || (current.document as unknown as DidDocument).updateTime !== updateTime) return false;
    await tx.objectStore('entities').put({
      ...current,
      documentToken: signed.token,
      stage: 'registered',
      entries: current.entries.map((entry) => ({ ...entry, stage: 'registered' as const })),
    });
    return true;
  });
  if (stored) emitWalletEvent({ type: 'entitiesChanged', dids: [record.did] });
  return stored;
}

/** Registers the given entities (or every local one) without making the caller wait. */
export function registerInBackground(dids?: string[]): void {
  void (async () => {
    const records = await allEntities();
    for (const record of records) {
      if (dids ? dids.includes(record.did) : record.stage === 'local') await registerEntity(record).catch(() => false);
    }
  })().catch(() => undefined);
}

/**
 * "registered" means accepted by the configured resolver: after the setting changes, every entity
 * is local again until the new resolver accepts it.
 */
export async function resolverChanged(): Promise<void> {
  const db = await database();
  const dids = await writeAtomically(db, ['entities'], async (tx) => {
    const store = tx.objectStore('entities');
    const changed: string[] = [];
    for (const record of await store.getAll()) {
      if (record.stage === 'local' && record.entries.every((e) => e.stage === 'local')) continue;
      await store.put({ ...record, stage: 'local', entries: record.entries.map((entry) => ({ ...entry, stage: 'local' as const })) });
      changed.push(record.did);
    }
    return changed;
  });
  if (dids.length > 0) emitWalletEvent({ type: 'entitiesChanged', dids });
  registerInBackground();
}
