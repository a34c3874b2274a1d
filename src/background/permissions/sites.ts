/**
 * Per-origin decisions: connected (with the entities shared) or rejected. An origin is the full
 * scheme://host:port the browser reported; no other origin, subdomain or port shares its record.
 */
import type { SharedEntity } from '../../shared/page-api';
import type { SiteView } from '../../shared/ui-api/approvals';
import { emitWalletEvent } from '../events';
import { database } from '../services';
import { listEntities, listPermissions, writeAtomically, type EntityRecord, type PermissionRecord } from '../storage';

export const isConnectedRecord = (record: PermissionRecord | undefined): record is PermissionRecord =>
  record !== undefined && record.rejected !== true;

export async function siteRecord(origin: string): Promise<PermissionRecord | undefined> {
  return (await database()).get('permissions', origin);
}

/** Connects `origin` sharing exactly `dids` (replacing an earlier choice); keeps its token grants. */
export async function connectSite(origin: string, dids: string[], now = Date.now()): Promise<void> {
  const db = await database();
  await writeAtomically(db, ['permissions'], async (tx) => {
    const store = tx.objectStore('permissions');
    const current = await store.get(origin);
    const grants = isConnectedRecord(current) ? current.authTokenGrants : [];
    await store.put({ origin, sharedDids: [...new Set(dids)], connectedAt: now, authTokenGrants: grants });
  });
}

/** Remembers that the person refused to connect `origin`. A connected origin is left as it is. */
export async function rejectSite(origin: string, now = Date.now()): Promise<void> {
  const db = await database();
  await writeAtomically(db, ['permissions'], async (tx) => {
    const store = tx.objectStore('permissions');
    if (isConnectedRecord(await store.get(origin))) return;
    await store.put({ origin, sharedDids: [], connectedAt: now, authTokenGrants: [], rejected: true });
  });
}

export async function isRejectedSite(origin: string): Promise<boolean> {
  return (await siteRecord(origin))?.rejected === true;
}

/** Disconnects a connected origin (which is told with 'disconnect'). */
export async function disconnectSite(origin: string): Promise<void> {
  const db = await database();
  const removed = await writeAtomically(db, ['permissions'], async (tx) => {
    const store = tx.objectStore('permissions');
    if (!isConnectedRecord(await store.get(origin))) return false;
    await store.delete(origin);
    return true;
  });
  if (removed) emitWalletEvent({ type: 'siteDisconnected', origin });
}

/** The person's action in the sites list: disconnects a connected origin or forgets a rejected one. */
export async function revokeSite(origin: string): Promise<void> {
  const db = await database();
  const wasConnected = await writeAtomically(db, ['permissions'], async (tx) => {
    const store = tx.objectStore('permissions');
    const current = await store.get(origin);
    if (!current) return false;
    await store.delete(origin);
    return isConnectedRecord(current);
  });
  if (wasConnected) emitWalletEvent({ type: 'siteDisconnected', origin });
}

export async function connectedSites(): Promise<PermissionRecord[]> {
  return (await listPermissions(await database())).filter(isConnectedRecord);
}

export const toSharedEntity = (entity: EntityRecord): SharedEntity => ({ did: entity.did, kind: entity.kind, label: entity.label });

/** The shared entities that still exist, in the order the person shared them. */
export function sharedEntitiesOf(record: PermissionRecord, entities: EntityRecord[]): SharedEntity[] {
  const byDid = new Map(entities.map((entity) => [entity.did, entity]));
  return record.sharedDids.flatMap((did) => {
    const entity = byDid.get(did);
    return entity ? [toSharedEntity(entity)] : [];
  });
}

/** Every site the person decided about, newest first, with its live (unexpired) token grants. */
export async function listSites(now = Date.now()): Promise<SiteView[]> {
  const db = await database();
  const [records, entities] = await Promise.all([listPermissions(db), listEntities(db)]);
  return records
    .map((record): SiteView => ({
      origin: record.origin,
      status: isConnectedRecord(record) ? 'connected' : 'rejected',
      connectedAt: record.connectedAt,
      entities: sharedEntitiesOf(record, entities),
      grants: record.authTokenGrants
        .filter((grant) => grant.expiresAt > now)
        .map((grant) => ({ user: grant.user, agent: grant.agent, until: grant.expiresAt })),
    }))
    .sort((a, b) => b.connectedAt - a.connectedAt);
}
