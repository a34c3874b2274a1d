/**
 * Entities as the wallet stores them, with their replayed identity state. Replaying a chain checks
 * every signature, so the result is cached per (DID, document updateTime).
 */
import { replayIdentityChain, type DidDocument, type IdentityState } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { database } from '../services';
import { getEntity, listEntities, type EntityRecord } from '../storage';

export interface LoadedEntity {
  record: EntityRecord;
  document: DidDocument;
  state: IdentityState;
}

const cache = new Map<string, { updateTime: number; state: Promise<IdentityState> }>();

/** The replayed state of a (wallet) document, cached per DID and updateTime. */
export function identityStateOf(document: DidDocument): Promise<IdentityState> {
  const hit = cache.get(document.id);
  if (hit && hit.updateTime === document.updateTime) return hit.state;
  const state = replayIdentityChain(document.identityChain);
  cache.set(document.id, { updateTime: document.updateTime, state });
  state.catch(() => cache.delete(document.id));
  return state;
}

export async function loadEntity(record: EntityRecord): Promise<LoadedEntity> {
  const document = record.document as DidDocument | null;
  if (!document) throw new SigilError(ErrorCode.internal, `The identity ${record.did} has no document.`);
  return { record, document, state: await identityStateOf(document) };
}

/** The wallet's entity with this DID, or a -32602 error in plain words. */
export async function requireEntity(did: string): Promise<LoadedEntity> {
  const record = await getEntity(await database(), did);
  if (!record) throw new SigilError(ErrorCode.invalidParams, `No identity ${did} in this wallet.`);
  return loadEntity(record);
}

export async function findEntity(did: string): Promise<LoadedEntity | null> {
  const record = await getEntity(await database(), did);
  return record ? loadEntity(record) : null;
}

export async function allEntities(): Promise<EntityRecord[]> {
  return listEntities(await database());
}

/** The document key entry (`#kind-p-g`) that carries this idpub. */
export function keyIdOf(document: DidDocument, idpub: string): string {
  const key = document.publicKey.find((k) => k.idpub === idpub);
  if (!key) throw new SigilError(ErrorCode.internal, 'A key of the chain is missing from the document.');
  return key.id;
}
