/**
 * Registering documents with the configured IOTICS resolver (DESIGN.md §5). Without a reachable
 * resolver nothing fails: entities stay `local` and wait in a queue derived from the entity rows.
 * They are sent oldest first; while the resolver cannot be reached (or answers 5xx/429) the next
 * attempt is a `browser.alarms` alarm with a growing delay, so it survives the worker stopping. A
 * document the resolver refuses (4xx) is not sent again until it changes or the person asks.
 */
import { decodeJwtWith, type DidDocument } from '../../core';
import { resolverHostPattern, type RegistrationStatus } from '../../shared/ui-api/registration';
import type { WalletEvents } from '../events';
import type { AlarmApi, Fetch, HostAccess } from '../platform';
import { discoverDocument, postDocumentToken } from '../registration/resolver-client';
import { readRetryState, retryDelayMs, writeRetryState, EMPTY_RETRY_STATE, type Refusal } from '../registration/retry-state';
import { getSetting, writeAtomically, type EntityRecord, type SigilDatabase } from '../storage';
import type { EntityStore } from './entity-store';
import { ioticsTokenFor } from './iotics-keys';
import type { Keyring } from './keyring';
import { documentAudience, entityRecordFor } from './records';

export const REGISTRATION_ALARM = 'sigil.registrationRetry';

export interface RegistrarDeps {
  db: SigilDatabase;
  entities: EntityStore;
  keyring: Keyring;
  /** The session's vault key, or null while locked (registration then waits for the unlock). */
  currentVaultKey: () => Promise<Uint8Array | null>;
  events: WalletEvents;
  fetch: Fetch;
  alarms: AlarmApi;
  hostAccess: HostAccess;
  now: () => number;
}

const updateTimeOf = (record: EntityRecord): string => String((record.document as unknown as DidDocument | null)?.updateTime ?? '');
const olderFirst = (a: EntityRecord, b: EntityRecord): number => a.createdAt - b.createdAt || a.updatedAt - b.updatedAt || (a.did < b.did ? -1 : 1);
const isWaiting = (record: EntityRecord): boolean => record.stage === 'local' && record.document !== null;

export class Registrar {
  private running: Promise<void> | null = null;
  private runAgain = false;

  constructor(private readonly deps: RegistrarDeps) {}

  /**
   * A token for `record`'s current document and the current resolver: the stored one, or one signed
   * now with the master key (null while locked or when the wallet lacks the master key).
   */
  async tokenFor(record: EntityRecord, resolverUrl: string): Promise<{ record: EntityRecord; token: string } | null> {
    if (this.hasTokenFor(record, resolverUrl)) return { record, token: record.documentToken! };
    const vaultKey = await this.deps.currentVaultKey();
    if (!vaultKey) return null;
    if (record.format === 'iotics') return ioticsTokenFor(this.deps.keyring, vaultKey, record, resolverUrl, this.deps.now());
    const loaded = await this.deps.entities.load(record);
    const master = loaded.state.activeKeys[0]!;
    const secret = await this.deps.keyring.secretKeyFor(vaultKey, record.did, record.kind, master);
    if (!secret) return null;
    const updated = await entityRecordFor({ document: loaded.document, masterSecret: secret, resolverUrl, previous: record, now: this.deps.now() });
    return { record: { ...updated, updatedAt: record.updatedAt }, token: updated.documentToken! };
  }

  /** Sends what waits now, `did` included even if the resolver refused it before; true when `did` is registered after. */
  async register(record: EntityRecord): Promise<boolean> {
    const state = await readRetryState(this.deps.db);
    await writeRetryState(this.deps.db, { ...state, refusals: state.refusals.filter((r) => r.did !== record.did) });
    await this.registerPending();
    return (await this.deps.db.get('entities', record.did))?.stage === 'registered';
  }

  /**
   * Starts sending what waits without making the caller wait. Every waiting row is sent, oldest
   * first, so `_changed` (the rows the caller just wrote) needs no special handling.
   */
  registerInBackground(_changed?: readonly string[]): void {
    void this.registerPending().catch(() => undefined);
  }

  /** One pass over the queue at a time; a request during a pass makes one more pass after it. */
  registerPending(): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.runAgain = false;
          await this.sendWaiting();
        } while (this.runAgain);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async onAlarm(name: string): Promise<void> {
    if (name === REGISTRATION_ALARM) await this.registerPending();
  }

  /** A new worker: re-arms a retry that was due (Firefox forgets alarms on restart) or sends what waits. */
  async resume(): Promise<void> {
    const state = await readRetryState(this.deps.db);
    if (state.nextTryAt !== null) await this.deps.alarms.create(REGISTRATION_ALARM, { when: Math.max(state.nextTryAt, this.deps.now()) });
    else if ((await this.deps.entities.all()).some(isWaiting)) this.registerInBackground();
  }

  /** "Retry now": forgets the backoff and the refusals, then sends everything that waits. */
  async retryNow(): Promise<RegistrationStatus> {
    await writeRetryState(this.deps.db, { ...EMPTY_RETRY_STATE });
    await this.deps.alarms.clear(REGISTRATION_ALARM);
    await this.registerPending();
    return this.status();
  }

  async status(): Promise<RegistrationStatus> {
    const resolverUrl = await getSetting(this.deps.db, 'resolverUrl');
    const waiting = (await this.deps.entities.all()).filter(isWaiting);
    const state = await readRetryState(this.deps.db);
    const locked = !(await this.deps.currentVaultKey());
    const refused = state.refusals.flatMap((refusal) => {
      const row = waiting.find((r) => r.did === refusal.did && updateTimeOf(r) === refusal.updateTime);
      return row ? [{ did: row.did, label: row.label, message: refusal.message }] : [];
    });
    return {
      resolverUrl,
      access: resolverUrl ? ((await this.hasHostAccess(resolverUrl)) ? 'granted' : 'missing') : 'none',
      waiting: waiting.length,
      waitingForUnlock: locked ? waiting.filter((r) => !this.hasTokenFor(r, resolverUrl)).length : 0,
      unavailable: resolverUrl ? state.unavailable : null,
      nextTryAt: resolverUrl ? state.nextTryAt : null,
      refused,
    };
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
    await writeRetryState(this.deps.db, { ...EMPTY_RETRY_STATE });
    await this.deps.alarms.clear(REGISTRATION_ALARM);
    this.registerInBackground();
  }

  private hasTokenFor(record: EntityRecord, resolverUrl: string): boolean {
    return record.documentToken !== null && decodeJwtWith(record.documentToken, ['EdDSA', 'ES256']).claims.aud === documentAudience(resolverUrl);
  }

  private async hasHostAccess(resolverUrl: string): Promise<boolean> {
    const pattern = resolverHostPattern(resolverUrl);
    try {
      return pattern !== null && (await this.deps.hostAccess.contains(pattern));
    } catch {
      return false;
    }
  }

  /** One pass: every waiting row, oldest first, until the resolver cannot be reached. */
  private async sendWaiting(): Promise<void> {
    const { db, fetch, alarms, now } = this.deps;
    const resolverUrl = await getSetting(db, 'resolverUrl');
    if (!resolverUrl) {
      await writeRetryState(db, { ...EMPTY_RETRY_STATE });
      await alarms.clear(REGISTRATION_ALARM);
      return;
    }
    const before = await readRetryState(db);
    const waiting = (await this.deps.entities.all()).filter(isWaiting).sort(olderFirst);
    const refusals = new Map<string, Refusal>();
    for (const refusal of before.refusals)
      if (waiting.some((r) => r.did === refusal.did && updateTimeOf(r) === refusal.updateTime)) refusals.set(refusal.did, refusal);
    let unavailable: string | null = null;
    for (const record of waiting) {
      const updateTime = updateTimeOf(record);
      if (refusals.get(record.did)?.updateTime === updateTime) continue;
      const signed = await this.tokenFor(record, resolverUrl);
      if (!signed) continue; // locked: the unlock starts another pass
      // Kept, so that retries while the wallet is locked can send it.
      if (signed.token !== record.documentToken) await this.storeRow(record.did, updateTime, { documentToken: signed.token });
      const outcome = await postDocumentToken(fetch, resolverUrl, signed.token);
      if (outcome.kind === 'unavailable') {
        unavailable = (await this.hasHostAccess(resolverUrl))
          ? outcome.reason
          : `${outcome.reason} Sigil has no access to the resolver's address yet: allow it in Settings → Resolver.`;
        break;
      }
      if (outcome.kind === 'refused' && !(outcome.status === 409 && (await this.resolverHolds(resolverUrl, record.did, updateTime)))) {
        refusals.set(record.did, { did: record.did, updateTime, message: outcome.message });
        continue;
      }
      refusals.delete(record.did);
      await this.markRegistered(record.did, updateTime, signed.token);
    }
    // A pass started by a new write before the scheduled retry is due does not make the wait longer.
    const retryPending = before.nextTryAt !== null && before.nextTryAt > now();
    const failures = unavailable === null ? 0 : retryPending ? before.failures : before.failures + 1;
    const nextTryAt = unavailable === null ? null : retryPending ? before.nextTryAt : now() + retryDelayMs(failures);
    await writeRetryState(db, { failures, nextTryAt, unavailable, refusals: [...refusals.values()] });
    if (nextTryAt === null) await alarms.clear(REGISTRATION_ALARM);
    else if (!retryPending) await alarms.create(REGISTRATION_ALARM, { when: nextTryAt });
    this.deps.events.emit({ type: 'entitiesChanged', dids: [] });
  }

  /**
   * After a 409 (not newer than the stored version): true when the resolver already holds exactly
   * this version, e.g. an earlier POST was stored but its answer was lost. Verified, never trusted.
   */
  private async resolverHolds(resolverUrl: string, did: string, updateTime: string): Promise<boolean> {
    const stored = await discoverDocument(this.deps.fetch, resolverUrl, did);
    return stored !== null && String(stored.updateTime) === updateTime;
  }

  private async markRegistered(did: string, updateTime: string, token: string): Promise<void> {
    const stored = await this.storeRow(did, updateTime, { documentToken: token, stage: 'registered' });
    if (stored) this.deps.events.emit({ type: 'entitiesChanged', dids: [did] });
  }

  /** Writes onto `did`'s row only while it still holds the document of `updateTime`: a newer one written meanwhile keeps its own. */
  private storeRow(did: string, updateTime: string, change: { documentToken: string; stage?: 'registered' }): Promise<boolean> {
    return writeAtomically(this.deps.db, ['entities'], async (tx) => {
      const current = await tx.objectStore('entities').get(did);
      if (!current || updateTimeOf(current) !== updateTime) return false;
      await tx.objectStore('entities').put({
        ...current,
        documentToken: change.documentToken,
        ...(change.stage ? { stage: change.stage, entries: current.entries.map((entry) => ({ ...entry, stage: change.stage! })) } : {}),
      });
      return true;
    });
  }
}
