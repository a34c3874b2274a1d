/**
 * Entities as the wallet stores them. A Sigil-format entity comes with its replayed identity state
 * (replaying a chain checks every signature, so the result is cached per DID and document updateTime);
 * an IOTICS-format entity (DESIGN §2.8) has no chain, only its document.
 */
import { replayIdentityChain, type DidDocument, type IdentityState, type IoticsDocument } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { getEntity, listEntities, type EntityRecord, type SigilDatabase } from '../storage';

export interface LoadedEntity {
  format: 'sigil';
  record: EntityRecord;
  document: DidDocument;
  state: IdentityState;
}

export interface LoadedIoticsEntity {
  format: 'iotics';
  record: EntityRecord;
  document: IoticsDocument;
}

export type AnyLoadedEntity = LoadedEntity | LoadedIoticsEntity;

/** The -32602 answer to a Factom-shaped question about an IOTICS entity. */
export const noIdentityChain = (did: string): SigilError =>
  new SigilError(ErrorCode.invalidParams, `${did} is an IOTICS identity: it has no identity chain.`);

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

  /** A Sigil-format row with its replayed state; an IOTICS row is refused (it has no identity chain). */
  async load(record: EntityRecord): Promise<LoadedEntity> {
    const loaded = await this.loadAny(record);
    if (loaded.format !== 'sigil') throw noIdentityChain(record.did);
    return loaded;
  }

  async loadAny(record: EntityRecord): Promise<AnyLoadedEntity> {
    if (!record.document) throw new SigilError(ErrorCode.internal, `The identity ${record.did} has no document.`);
    if (record.format === 'iotics') return { format: 'iotics', record, document: record.document as unknown as IoticsDocument };
    const document = record.document as unknown as DidDocument;
    return { format: 'sigil', record, document, state: await this.stateOf(document) };
  }

  /** The wallet's entity with this DID, of either format, or a -32602 error in plain words. */
  async require(did: string): Promise<AnyLoadedEntity> {
    const record = await getEntity(this.db, did);
    if (!record) throw new SigilError(ErrorCode.invalidParams, `No identity ${did} in this wallet.`);
    return this.loadAny(record);
  }

  /** Like require, for what only a Sigil-format entity has (its identity chain). */
  async requireSigil(did: string): Promise<LoadedEntity> {
    const entity = await this.require(did);
    if (entity.format !== 'sigil') throw noIdentityChain(did);
    return entity;
  }

  async find(did: string): Promise<AnyLoadedEntity | null> {
    const record = await getEntity(this.db, did);
    return record ? this.loadAny(record) : null;
  }

  all(): Promise<EntityRecord[]> {
    return listEntities(this.db);
  }
}
