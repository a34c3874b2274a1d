/**
 * Key replacement (DESIGN.md §2.4): which key signs and why, generating or accepting the new key,
 * the chain entry, the updated document, and renewal of the delegations that named the old key.
 */
import {
  createDelegationProof,
  decodeIdpub,
  encodeIdpub,
  keyId,
  renewDelegations,
  replaceKey,
  staleDelegations,
  updateDocument,
  type ChainKey,
  type DidDocument,
} from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { Stage } from '../../shared/page-api';
import { emitWalletEvent } from '../events';
import { withSafeErrors } from '../safe-errors';
import { database, requireVaultKey } from '../services';
import { getSetting, writeAtomically, type EntityRecord } from '../storage';
import { allEntities, identityStateOf, loadEntity, requireEntity, type LoadedEntity } from './entity-state';
import { derivedKeyFor, refreshKeyring, secretKeyFor } from './keyring';
import { entityRecordFor, nextUpdateTime } from './records';
import { registerInBackground } from './registration';

export interface SignerChoice {
  oldKey: ChainKey;
  signer: ChainKey;
  reason: string;
  requiresPassword: boolean;
}

const describe = (kind: string, key: ChainKey) => `${keyId(kind as 'user', key.priority, key.generation)} (priority ${key.priority})`;

/**
 * The signer Sigil uses: the key one level above the replaced one (the master replaces itself), so a
 * leaked key can never replace itself; if the wallet lacks it, the lowest-privilege held key that the
 * rule allows.
 */
export async function chooseSigner(vaultKey: Uint8Array, entity: LoadedEntity, oldIdpub: string): Promise<SignerChoice> {
  const { state, record } = entity;
  const oldKey = state.activeKeys.find((k) => k.idpub === oldIdpub);
  if (!oldKey) throw new SigilError(ErrorCode.invalidParams, 'oldPublicKey is not an active key of this identity.');
  const preferred = Math.max(oldKey.priority - 1, 0);
  const candidates = state.activeKeys
    .filter((k) => k.priority <= oldKey.priority)
    .sort((a, b) => Math.abs(a.priority - preferred) - Math.abs(b.priority - preferred) || b.priority - a.priority);
  for (const candidate of candidates) {
    if (await secretKeyFor(vaultKey, record.did, record.kind, candidate)) {
      const same = candidate.priority === oldKey.priority;
      const reason = same
        ? `${describe(record.kind, candidate)} signs: a key may be replaced by a key of the same priority.`
        : `${describe(record.kind, candidate)} signs: a key may be replaced by a key of higher priority (a lower number), and ${describe(record.kind, oldKey)} is below it.`;
      return { oldKey, signer: candidate, reason, requiresPassword: candidate.priority === 0 };
    }
  }
  throw new SigilError(ErrorCode.invalidParams, 'This wallet holds no key that may sign this replacement.');
}

/** Refuses, before anyone is asked to approve, a pasted key this identity already used. */
export function assertNewKeyUnused(entity: LoadedEntity, idpub: string | undefined): void {
  if (idpub !== undefined && entity.state.keys.some((k) => k.idpub === idpub))
    throw new SigilError(ErrorCode.invalidParams, 'newPublicKey was already used in this identity; keys are never reused.');
}

/** The next generation of a priority slot: one past every key that slot ever had. */
const nextGeneration = (entity: LoadedEntity, priority: number): number =>
  Math.max(...entity.state.keys.filter((k) => k.priority === priority).map((k) => k.generation)) + 1;

export interface ReplacementResult {
  entryHash: string;
  stage: Stage;
  newKey: string;
  /** DIDs whose delegations to the replaced key were renewed. */
  renewed: string[];
}

/** Renews, in every wallet entity, active delegations naming keys of `agent` that are now revoked. */
async function renewalsFor(vaultKey: Uint8Array, agentDocument: DidDocument, resolverUrl: string, now: number): Promise<EntityRecord[]> {
  const out: EntityRecord[] = [];
  const agentState = await identityStateOf(agentDocument);
  for (const record of await allEntities()) {
    if (record.did === agentDocument.id || record.kind === 'agent') continue;
    const delegator = await loadEntity(record);
    const stale = staleDelegations(delegator.document, agentDocument);
    if (stale.length === 0) continue;
    const master = await secretKeyFor(vaultKey, record.did, record.kind, delegator.state.activeKeys[0]!);
    if (!master) continue; // Shown as needing renewal: the wallet cannot re-sign this document.
    let document = delegator.document;
    for (const oldController of new Set(stale.map((s) => s.delegation.controller))) {
      const newController = stale.find((s) => s.delegation.controller === oldController)!.replacement;
      const newKeyId = newController.slice(newController.indexOf('#'));
      const newKey = agentDocument.publicKey.find((k) => k.id === newKeyId)!;
      const chainKey = agentState.keys.find((k) => k.idpub === newKey.idpub)!;
      const secret = await secretKeyFor(vaultKey, agentDocument.id, 'agent', chainKey);
      if (!secret) continue;
      const types = new Set(stale.filter((s) => s.delegation.controller === oldController).map((s) => s.delegation.proofType));
      const proofs: Partial<Record<'did' | 'generic', string>> = {};
      for (const proofType of types) proofs[proofType] = await createDelegationProof({ secretKey: secret, delegatingDid: record.did, proofType });
      document = await renewDelegations(document, { oldController, newController, proofs, updateTime: nextUpdateTime(document, now) });
    }
    if (document !== delegator.document)
      out.push(await entityRecordFor({ document, masterSecret: master, resolverUrl, previous: record, now }));
  }
  return out;
}

async function newKeyFor(vaultKey: Uint8Array, entity: LoadedEntity, oldKey: ChainKey, pasted: string | undefined) {
  if (pasted !== undefined) {
    decodeIdpub(pasted);
    const generation = nextGeneration(entity, oldKey.priority);
    if (oldKey.priority === 0 && !(await secretKeyFor(vaultKey, entity.record.did, entity.record.kind, { idpub: pasted, priority: 0, generation })))
      throw new SigilError(ErrorCode.invalidParams, 'Sigil must hold the new master key to keep the document signed: import its idsec first.');
    return pasted;
  }
  const derived = await derivedKeyFor(vaultKey, entity.record.did, entity.record.kind, oldKey.priority, nextGeneration(entity, oldKey.priority));
  return encodeIdpub(derived.publicKey);
}

/** Replaces `oldKey` of `did`; a missing `newPublicKey` means Sigil derives the next key of the slot. */
export async function replaceEntityKey(params: { did: string; oldKey: string; newPublicKey?: string }): Promise<ReplacementResult> {
  return withSafeErrors(async () => {
    const vaultKey = await requireVaultKey();
    const db = await database();
    const resolverUrl = await getSetting(db, 'resolverUrl');
    const entity = await requireEntity(params.did);
    const { oldKey, signer } = await chooseSigner(vaultKey, entity, params.oldKey);
    const newKey = await newKeyFor(vaultKey, entity, oldKey, params.newPublicKey);
    const signerSecret = (await secretKeyFor(vaultKey, entity.record.did, entity.record.kind, signer))!;
    const replaced = await replaceKey(entity.document.identityChain, { oldKey: oldKey.idpub, newKey, signerSecretKey: signerSecret });
    const now = Date.now();
    const document = await updateDocument(entity.document, { updateTime: nextUpdateTime(entity.document, now), identityChain: replaced.chain });
    const updated = await loadEntity({ ...entity.record, document: document as unknown as Record<string, unknown> });
    const master = await secretKeyFor(vaultKey, entity.record.did, entity.record.kind, updated.state.activeKeys[0]!);
    if (!master) throw new SigilError(ErrorCode.invalidParams, 'This wallet does not hold the master key needed to sign the updated document.');
    const record = await entityRecordFor({ document, masterSecret: master, resolverUrl, previous: entity.record, now });
    const renewed = record.kind === 'agent' ? await renewalsFor(vaultKey, document, resolverUrl, now) : [];
    await writeAtomically(db, ['entities'], async (tx) => {
      const store = tx.objectStore('entities');
      const current = await store.get(record.did);
      if ((current?.document as unknown as DidDocument | undefined)?.updateTime !== entity.document.updateTime)
        throw new SigilError(ErrorCode.internal, 'The identity changed while its key was being replaced. Try again.');
      for (const row of [record, ...renewed]) await store.put(row);
    });
    refreshKeyring();
    const dids = [record.did, ...renewed.map((r) => r.did)];
    emitWalletEvent({ type: 'entitiesChanged', dids });
    registerInBackground(dids);
    return { entryHash: replaced.entryHash, stage: record.stage, newKey, renewed: renewed.map((r) => r.did) };
  });
}

/** Renews one delegation of `did` whose controller key was replaced (e.g. after an import). */
export async function renewDelegation(did: string, delegationId: string): Promise<void> {
  return withSafeErrors(async () => {
    const vaultKey = await requireVaultKey();
    const db = await database();
    const resolverUrl = await getSetting(db, 'resolverUrl');
    const delegator = await requireEntity(did);
    const all = [...delegator.document.delegateAuthentication, ...delegator.document.delegateControl];
    const delegation = all.find((d) => d.id === delegationId && !d.revoked);
    if (!delegation) throw new SigilError(ErrorCode.invalidParams, `No active delegation ${delegationId} in ${did}.`);
    const agentDid = delegation.controller.slice(0, delegation.controller.indexOf('#'));
    const agent = await requireEntity(agentDid);
    const now = Date.now();
    const rows = await renewalsFor(vaultKey, agent.document, resolverUrl, now);
    const row = rows.find((r) => r.did === did);
    if (!row) throw new SigilError(ErrorCode.invalidParams, 'This delegation does not need renewal, or the wallet lacks the keys to renew it.');
    await writeAtomically(db, ['entities'], async (tx) => {
      await tx.objectStore('entities').put(row);
    });
    emitWalletEvent({ type: 'entitiesChanged', dids: [did] });
    registerInBackground([did]);
  });
}

