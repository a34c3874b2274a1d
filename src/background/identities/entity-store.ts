/**
 * Entities as the wallet stores them, with their replayed identity state. Replaying a chain checks
 * every signature, so the result is cached per (DID, document updateTime).
 */
import { replayIdentityChain, type DidDocument, type IdentityState } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { getEntity, listEntities, type EntityRecord, type SigilDatabase } from '../storage';

export interface LoadedEntity {
  record: EntityRecord;
  document: DidDocument;
  state: IdentityState;
}

export class EntityStore {
  private readonly states = new Map<string, { updateTime: number; state: Promise<IdentityState> }>();

  constructor(private readonly db: SigilDatabase) {}

  /** The replayed state of a (wallet) document, cached per DID and updateTime. */
  stateOf(document: DidDocument): Promise<IdentityState> {
    const hit = this.states.get(document.id);
    if (hit && hit.updateTime === document.updateTime) return hit.state;
    const state = replayIdentityChain(document.identityChain);
    this.states.set(document.id, { updateTime: document.updateTime, state });
    state.catch(() => this.states.delete(document.id));
    return state;
  }

  async load(record: EntityRecord): Promise<LoadedEntity> {
    const document = record.document as DidDocument | null;
    if (!document) throw new SigilError(ErrorCode.internal, `The identity ${record.did} has no document.`);
    return { record, document, state: await this.stateOf(document) };
  }

  /** The wallet's entity with this DID, or a -32602 error in plain words. */
  async require(did: string): Promise<LoadedEntity> {
    const record = await getEntity(this.db, did);
    if (!record) throw new SigilError(ErrorCode.invalidParams, `No identity ${did} in this wallet.`);
    return this.load(record);
  }

  async find(did: string): Promise<LoadedEntity | null> {
    const record = await getEntity(this.db, did);
    return record ? this.load(record) : null;
  }

  all(): Promise<EntityRecord[]> {
    return listEntities(this.db);
  }
}
