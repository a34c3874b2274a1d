/** Which entities a connected origin may see and use. */
import { ENTITY_KINDS, type EntityKind, type SharedEntity } from '../../shared/page-api';
import { database } from '../services';
import { getEntity, listEntities, writeAtomically } from '../storage';
import { notConnected } from './errors';
import { isConnectedRecord, sharedEntitiesOf, siteRecord, toSharedEntity } from './sites';

/** Only what the person shared with this exact origin; 4100 when the origin is not connected. */
export async function connectedEntities(origin: string): Promise<SharedEntity[]> {
  const record = await siteRecord(origin);
  if (!isConnectedRecord(record)) throw notConnected();
  return sharedEntitiesOf(record, await listEntities(await database()));
}

export async function isConnected(origin: string): Promise<boolean> {
  return isConnectedRecord(await siteRecord(origin));
}

/** True when `did` is an existing entity the person shared with `origin`. */
export async function isSharedWith(origin: string, did: string): Promise<boolean> {
  const record = await siteRecord(origin);
  if (!isConnectedRecord(record) || !record.sharedDids.includes(did)) return false;
  return (await getEntity(await database(), did)) !== undefined;
}

/** Adds an entity to what a connected origin sees (e.g. one it just had the person create). */
export async function shareWith(origin: string, did: string): Promise<void> {
  const db = await database();
  await writeAtomically(db, ['permissions'], async (tx) => {
    const store = tx.objectStore('permissions');
    const record = await store.get(origin);
    if (!isConnectedRecord(record)) throw notConnected();
    if (!record.sharedDids.includes(did)) await store.put({ ...record, sharedDids: [...record.sharedDids, did] });
  });
}

/** The wallet's entities a connect prompt offers, filtered by the kinds the site asked for: users first, then agents, then twins. */
export async function entitiesToOffer(kinds: readonly EntityKind[] | null): Promise<SharedEntity[]> {
  const entities = await listEntities(await database());
  return entities
    .filter((entity) => kinds === null || kinds.includes(entity.kind))
    .sort((a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind) || a.createdAt - b.createdAt)
    .map(toSharedEntity);
}
