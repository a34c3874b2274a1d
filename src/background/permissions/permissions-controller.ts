/**
 * Per-origin permissions (DESIGN §3): connected (with the entities shared) or rejected, standing
 * token grants, and the sites list. An origin is the full scheme://host:port the browser reported;
 * no other origin, subdomain or port shares its record. Every method takes that origin.
 */
import { invalidParams } from '../../shared/errors';
import { ENTITY_KINDS, type EntityKind, type SharedEntity } from '../../shared/page-api';
import type { SiteView } from '../../shared/ui-api/approvals';
import type { WalletEvents } from '../events';
import {
  getEntity,
  listEntities,
  listPermissions,
  writeAtomically,
  type EntityRecord,
  type PermissionRecord,
  type SigilDatabase,
  type WriteTransaction,
} from '../storage';
import { notConnected } from './errors';

export const MAX_GRANT_MINUTES = 24 * 60;

const isConnectedRecord = (record: PermissionRecord | undefined): record is PermissionRecord =>
  record !== undefined && record.rejected !== true;

export const toSharedEntity = (entity: EntityRecord): SharedEntity => ({ did: entity.did, kind: entity.kind, label: entity.label });

/** The shared entities that still exist, in the order the person shared them. */
function sharedEntitiesOf(record: PermissionRecord, entities: EntityRecord[]): SharedEntity[] {
  const byDid = new Map(entities.map((entity) => [entity.did, entity]));
  return record.sharedDids.flatMap((did) => {
    const entity = byDid.get(did);
    return entity ? [toSharedEntity(entity)] : [];
  });
}

/** Inside a write's transaction: adds an entity to what a connected origin sees (4100 when not connected). */
export async function shareInTransaction(tx: WriteTransaction, origin: string, did: string): Promise<void> {
  const store = tx.objectStore('permissions');
  const record = await store.get(origin);
  if (!isConnectedRecord(record)) throw notConnected();
  if (!record.sharedDids.includes(did)) await store.put({ ...record, sharedDids: [...record.sharedDids, did] });
}

export interface StandingGrant {
  origin: string;
  user: string;
  agent: string;
  minutes: number;
}

/** Inside a write's transaction: grants (or extends) the pair for `minutes` from `now`; drops expired grants. */
export async function grantInTransaction(tx: WriteTransaction, grant: StandingGrant, now: number): Promise<void> {
  if (!Number.isSafeInteger(grant.minutes) || grant.minutes < 1 || grant.minutes > MAX_GRANT_MINUTES)
    throw invalidParams(`A standing grant lasts from 1 to ${MAX_GRANT_MINUTES} minutes.`);
  const store = tx.objectStore('permissions');
  const record = await store.get(grant.origin);
  if (!isConnectedRecord(record)) throw notConnected();
  const others = record.authTokenGrants.filter(
    (known) => known.expiresAt > now && !(known.user === grant.user && known.agent === grant.agent),
  );
  const added = { user: grant.user, agent: grant.agent, grantedAt: now, expiresAt: now + grant.minutes * 60_000 };
  await store.put({ ...record, authTokenGrants: [...others, added] });
}

export class PermissionsController {
  constructor(
    private readonly db: SigilDatabase,
    private readonly events: WalletEvents,
    private readonly now: () => number,
  ) {}

  private siteRecord(origin: string): Promise<PermissionRecord | undefined> {
    return this.db.get('permissions', origin);
  }

  async isConnected(origin: string): Promise<boolean> {
    return isConnectedRecord(await this.siteRecord(origin));
  }

  async isRejected(origin: string): Promise<boolean> {
    return (await this.siteRecord(origin))?.rejected === true;
  }

  /** Only what the person shared with this exact origin; 4100 when the origin is not connected. */
  async connectedEntities(origin: string): Promise<SharedEntity[]> {
    const record = await this.siteRecord(origin);
    if (!isConnectedRecord(record)) throw notConnected();
    // Row by row rather than every entity: every token asks this, and a wallet may hold a thousand identities.
    const rows = await Promise.all(record.sharedDids.map((did) => getEntity(this.db, did)));
    return rows.flatMap((row) => (row ? [toSharedEntity(row)] : []));
  }

  /** True when `did` is an existing entity the person shared with `origin`. */
  async isSharedWith(origin: string, did: string): Promise<boolean> {
    const record = await this.siteRecord(origin);
    if (!isConnectedRecord(record) || !record.sharedDids.includes(did)) return false;
    return (await getEntity(this.db, did)) !== undefined;
  }

  /** The wallet's entities a connect prompt offers, of the kinds the site asked for: users first, then agents, then twins. */
  async entitiesToOffer(kinds: readonly EntityKind[] | null): Promise<SharedEntity[]> {
    const entities = await listEntities(this.db);
    return entities
      .filter((entity) => kinds === null || kinds.includes(entity.kind))
      .sort((a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind) || a.createdAt - b.createdAt)
      .map(toSharedEntity);
  }

  /** Connects `origin` sharing exactly `dids` (replacing an earlier choice); keeps its token grants. */
  async connect(origin: string, dids: readonly string[]): Promise<void> {
    const now = this.now();
    await writeAtomically(this.db, ['permissions'], async (tx) => {
      const store = tx.objectStore('permissions');
      const current = await store.get(origin);
      const grants = isConnectedRecord(current) ? current.authTokenGrants : [];
      await store.put({ origin, sharedDids: [...new Set(dids)], connectedAt: now, authTokenGrants: grants });
    });
  }

  /** Remembers that the person refused to connect `origin`. A connected origin is left as it is. */
  async reject(origin: string): Promise<void> {
    const now = this.now();
    await writeAtomically(this.db, ['permissions'], async (tx) => {
      const store = tx.objectStore('permissions');
      if (isConnectedRecord(await store.get(origin))) return;
      await store.put({ origin, sharedDids: [], connectedAt: now, authTokenGrants: [], rejected: true });
    });
  }

  /**
   * "Block this site": `origin` is disconnected (told with 'disconnect', its waiting requests
   * cancelled) and refused, connected or not, until the person forgets it in the sites list.
   */
  async block(origin: string): Promise<void> {
    const now = this.now();
    const wasConnected = await writeAtomically(this.db, ['permissions'], async (tx) => {
      const store = tx.objectStore('permissions');
      const connected = isConnectedRecord(await store.get(origin));
      await store.put({ origin, sharedDids: [], connectedAt: now, authTokenGrants: [], rejected: true });
      return connected;
    });
    if (wasConnected) this.events.emit({ type: 'siteDisconnected', origin });
  }

  /** Disconnects a connected origin (which is told with 'disconnect'). */
  async disconnect(origin: string): Promise<void> {
    const removed = await writeAtomically(this.db, ['permissions'], async (tx) => {
      const store = tx.objectStore('permissions');
      if (!isConnectedRecord(await store.get(origin))) return false;
      await store.delete(origin);
      return true;
    });
    if (removed) this.events.emit({ type: 'siteDisconnected', origin });
  }

  /** The person's action in the sites list: disconnects a connected origin or forgets a rejected one. */
  async revoke(origin: string): Promise<void> {
    const wasConnected = await writeAtomically(this.db, ['permissions'], async (tx) => {
      const store = tx.objectStore('permissions');
      const current = await store.get(origin);
      if (!current) return false;
      await store.delete(origin);
      return isConnectedRecord(current);
    });
    if (wasConnected) this.events.emit({ type: 'siteDisconnected', origin });
  }

  async hasStandingGrant(origin: string, user: string, agent: string): Promise<boolean> {
    const record = await this.siteRecord(origin);
    if (!isConnectedRecord(record)) return false;
    const now = this.now();
    return record.authTokenGrants.some((grant) => grant.user === user && grant.agent === agent && grant.expiresAt > now);
  }

  async connectedSites(): Promise<PermissionRecord[]> {
    return (await listPermissions(this.db)).filter(isConnectedRecord);
  }

  /** Every site the person decided about, newest first, with its live (unexpired) token grants. */
  async sites(): Promise<SiteView[]> {
    const now = this.now();
    const [records, entities] = await Promise.all([listPermissions(this.db), listEntities(this.db)]);
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
}
