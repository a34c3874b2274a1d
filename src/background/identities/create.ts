/**
 * Creating identities: keys derived from a seed and a secret key name, the chain's first entry, the
 * document with its delegations, and the vault reference, written together in one transaction.
 */
import {
  createDelegationProof,
  createIdentity,
  deriveEntityKeys,
  didFromPublicKey,
  entropyToMaster,
  keyId,
  validateKeyName,
  type DerivedKey,
  type DelegationInput,
  type EntityKind,
} from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { emitWalletEvent } from '../events';
import { withSafeErrors } from '../safe-errors';
import { database, requireVaultKey, vault } from '../services';
import { getSetting, type EntityRecord, type WriteTransaction } from '../storage';
import { addEntityRef, type VaultSecrets } from '../vault';
import { findEntity } from './entity-state';
import { readSecrets, refreshKeyring, secretKeyFor } from './keyring';
import { entityRecordFor } from './records';
import { registerInBackground } from './registration';

export interface NewEntitySpec {
  kind: EntityKind;
  label: string;
  keyName: string;
  seedId?: string;
  names?: string[];
  /**
   * The Agent to delegate to (authentication for a User, control for a Twin): its DID, or the index
   * of an agent created earlier in the same batch.
   */
  delegateTo?: string | number;
}

interface Prepared {
  spec: NewEntitySpec;
  seedId: string;
  keys: DerivedKey[];
  record: EntityRecord;
}

function pickSeed(secrets: VaultSecrets, seedId: string | undefined): string {
  if (seedId !== undefined) {
    if (!secrets.seeds.some((s) => s.id === seedId)) throw new SigilError(ErrorCode.invalidParams, 'That seed is not in the wallet.');
    return seedId;
  }
  const first = secrets.seeds[0];
  if (!first) throw new SigilError(ErrorCode.invalidParams, 'Add a seed to the wallet first.');
  return first.id;
}

/** The agent's current signing key (largest priority) as delegation controller and its proof over `did`. */
async function delegationTo(vaultKey: Uint8Array, target: string | number, did: string, batch: Prepared[]): Promise<DelegationInput> {
  const inBatch = typeof target === 'number' ? batch[target] : batch.find((p) => p.record.did === target);
  const agentDid = inBatch?.record.did ?? String(target);
  let controller: string;
  let secret: Uint8Array | null;
  if (inBatch) {
    if (inBatch.spec.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, 'Delegations go to an Agent.');
    const signing = inBatch.keys[inBatch.keys.length - 1]!;
    controller = `${agentDid}${keyId('agent', signing.priority, 0)}`;
    secret = signing.secretKey;
  } else {
    const agent = await findEntity(agentDid);
    if (!agent) throw new SigilError(ErrorCode.invalidParams, `No agent ${agentDid} in this wallet.`);
    if (agent.record.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, `${agentDid} is not an Agent; delegations go to an Agent.`);
    const signing = agent.state.activeKeys[agent.state.activeKeys.length - 1]!;
    controller = `${agentDid}${keyId('agent', signing.priority, signing.generation)}`;
    secret = await secretKeyFor(vaultKey, agentDid, 'agent', signing);
  }
  if (!secret) throw new SigilError(ErrorCode.invalidParams, "This wallet does not hold the agent's signing key, so it cannot sign the delegation.");
  return { controller, proof: await createDelegationProof({ secretKey: secret, delegatingDid: did, proofType: 'did' }), proofType: 'did' };
}

/**
 * Creates every entity of `specs` (in order; a later one may delegate to an agent created earlier)
 * or none of them.
 */
export async function createEntities(specs: NewEntitySpec[]): Promise<EntityRecord[]> {
  return withSafeErrors(async () => {
    const vaultKey = await requireVaultKey();
    const secrets = await readSecrets(vaultKey);
    const resolverUrl = await getSetting(await database(), 'resolverUrl');
    const now = Date.now();
    const batch: Prepared[] = [];
    for (const spec of specs) {
      validateKeyName(spec.keyName);
      const seedId = pickSeed(secrets, spec.seedId);
      const seed = secrets.seeds.find((s) => s.id === seedId)!;
      const keys = await deriveEntityKeys(await entropyToMaster(seed.entropy), spec.kind, spec.keyName);
      const did = didFromPublicKey(keys[0]!.publicKey);
      if ((await findEntity(did)) || batch.some((p) => p.record.did === did))
        throw new SigilError(ErrorCode.invalidParams, `This seed already has ${spec.kind === 'agent' ? 'an' : 'a'} ${spec.kind} with that key name (${did}).`);
      if (spec.delegateTo !== undefined && spec.kind === 'agent')
        throw new SigilError(ErrorCode.invalidParams, 'An Agent does not delegate; Users and Twins delegate to Agents.');
      const delegations = spec.delegateTo === undefined ? [] : [await delegationTo(vaultKey, spec.delegateTo, did, batch)];
      const created = await createIdentity({
        kind: spec.kind,
        keys: keys.map((k) => ({ publicKey: k.publicKey, secretKey: k.secretKey })),
        extraNames: spec.names ?? [],
        label: spec.label,
        updateTime: now,
        delegations,
      });
      const record = await entityRecordFor({ document: created.document, masterSecret: keys[0]!.secretKey, resolverUrl, now });
      batch.push({ spec, seedId, keys, record });
    }
    await (await vault()).update(vaultKey, (current) => ({
      secrets: batch.reduce(
        (acc, p) => addEntityRef(acc, { entityId: p.record.did, seedId: p.seedId, kind: p.spec.kind, keyName: p.spec.keyName }),
        current,
      ),
      result: undefined,
      publicWrites: {
        stores: ['entities'],
        async write(tx: WriteTransaction) {
          const store = tx.objectStore('entities');
          for (const { record } of batch) {
            if ((await store.getKey(record.did)) !== undefined)
              throw new SigilError(ErrorCode.invalidParams, `${record.did} is already in the wallet.`);
            await store.put(record);
          }
        },
      },
    }));
    refreshKeyring();
    const records = batch.map((p) => p.record);
    emitWalletEvent({ type: 'entitiesChanged', dids: records.map((r) => r.did) });
    registerInBackground(records.map((r) => r.did));
    return records;
  });
}
