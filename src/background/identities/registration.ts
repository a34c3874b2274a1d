/**
 * Registering documents with the configured IOTICS resolver (DESIGN.md §5). Without a reachable
 * resolver nothing fails: entities stay `local` and are registered on a later attempt.
 */
import { decodeJwt, type DidDocument } from '../../core';
import type { WalletEvents } from '../events';
import type { Fetch } from '../platform';
import { getSetting, writeAtomically, type EntityRecord, type SigilDatabase } from '../storage';
import type { EntityStore } from './entity-store';
import type { Keyring } from './keyring';
import { documentAudience, entityRecordFor } from './records';

const REGISTER_TIMEOUT_MS = 5000;

export interface RegistrarDeps {
  db: SigilDatabase;
  entities: EntityStore;
  keyring: Keyring;
  /** The session's vault key, or null while locked (registration then waits for the unlock). */
  currentVaultKey: () => Promise<Uint8Array | null>;
  events: WalletEvents;
  fetch: Fetch;
  now: () => number;
}

export class Registrar {
  constructor(private readonly deps: RegistrarDeps) {}

  /**
   * A token for `record`'s current document and the current resolver: the stored one, or one signed
   * now with the master key (null while locked or when the wallet lacks the master key).
   */
  async tokenFor(record: EntityRecord, resolverUrl: string): Promise<{ record: EntityRecord; token: string } | null> {
    const audience = documentAudience(resolverUrl);
    if (record.documentToken && decodeJwt(record.documentToken).claims.aud === audience) return { record, token: record.documentToken };
    const vaultKey = await this.deps.currentVaultKey();
    if (!vaultKey) return null;
    const loaded = await this.deps.entities.load(record);
    const master = loaded.state.activeKeys[0]!;
    const secret = await this.deps.keyring.secretKeyFor(vaultKey, record.did, record.kind, master);
    if (!secret) return null;
    const updated = await entityRecordFor({ document: loaded.document, masterSecret: secret, resolverUrl, previous: record, now: this.deps.now() });
    return { record: { ...updated, updatedAt: record.updatedAt }, token: updated.documentToken! };
  }

  /** Registers one entity's current document; returns true when the resolver accepted it. */
  async register(record: EntityRecord): Promise<boolean> {
    const { db } = this.deps;
    const resolverUrl = await getSetting(db, 'resolverUrl');
    if (!resolverUrl) return false;
    const signed = await this.tokenFor(record, resolverUrl);
    if (!signed || !(await this.postToken(resolverUrl, signed.token))) return false;
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
    if (stored) this.deps.events.emit({ type: 'entitiesChanged', dids: [record.did] });
    return stored;
  }

  /** Registers the given entities (or every local one) without making the caller wait. */
  registerInBackground(dids?: readonly string[]): void {
    void (async () => {
      for (const record of await this.deps.entities.all()) {
        if (dids ? dids.includes(record.did) : record.stage === 'local') await this.register(record).catch(() => false);
      }
    })().catch(() => undefined);
  }

  /**
   * "registered" means accepted by the configured resolver: after the setting changes, every entity
   * is local again until the new resolver accepts it.
   */
  async resolverChanged(): Promise<void> {
    const dids = await writeAtomically(this.deps.db, ['entities'], async (tx) => {
      const store = tx.objectStore('entities');
      const changed: string[] = [];
      for (const record of await store.getAll()) {
        if (record.stage === 'local' && record.entries.every((e) => e.stage === 'local')) continue;
        await store.put({ ...record, stage: 'local', entries: record.entries.map((entry) => ({ ...entry, stage: 'local' as const })) });
        changed.push(record.did);
      }
      return changed;
    });
    if (dids.length > 0) this.deps.events.emit({ type: 'entitiesChanged', dids });
    this.registerInBackground();
  }

  private async postToken(resolverUrl: string, token: string): Promise<boolean> {
    try {
      const response = await this.deps.fetch(new URL('1.0/register', resolverUrl.endsWith('/') ? resolverUrl : `${resolverUrl}/`), {
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
}
