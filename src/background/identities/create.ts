/**
 * Creating identities: keys derived from a seed and a secret key name, the chain's first entry, the
 * document with its delegations, and the vault reference. Everything is prepared (and so checked)
 * first; the write then puts the secret references, the public rows and whatever the caller adds
 * (a site's share, the request's result) in one transaction.
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
import { withSafeErrors } from '../safe-errors';
import { getSetting, type EntityRecord, type WriteTransaction } from '../storage';
import { addEntityRef, type PublicStoreName, type VaultSecrets } from '../vault';
import type { IdentityContext } from './context';
import { entityRecordFor } from './records';

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

interface PreparedEntity {
  spec: NewEntitySpec;
  seedId: string;
  keys: DerivedKey[];
  record: EntityRecord;
}

/** A batch ready to be written: every check passed, every signature made. */
export interface PreparedEntities {
  readonly entities: readonly PreparedEntity[];
  readonly records: readonly EntityRecord[];
}

/** Rows the caller writes in the same transaction as the new entities. */
export interface WritesAlongside {
  readonly stores: readonly PublicStoreName[];
  write(tx: WriteTransaction): Promise<void>;
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
async function delegationTo(
  ctx: IdentityContext,
  vaultKey: Uint8Array,
  target: string | number,
  did: string,
  batch: PreparedEntity[],
): Promise<DelegationInput> {
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
    const agent = await ctx.entities.find(agentDid);
    if (!agent) throw new SigilError(ErrorCode.invalidParams, `No agent ${agentDid} in this wallet.`);
    if (agent.record.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, `${agentDid} is not an Agent; delegations go to an Agent.`);
    const signing = agent.state.activeKeys[agent.state.activeKeys.length - 1]!;
    controller = `${agentDid}${keyId('agent', signing.priority, signing.generation)}`;
    secret = await ctx.keyring.secretKeyFor(vaultKey, agentDid, 'agent', signing);
  }
  if (!secret) throw new SigilError(ErrorCode.invalidParams, "This wallet does not hold the agent's signing key, so it cannot sign the delegation.");
  return { controller, proof: await createDelegationProof({ secretKey: secret, delegatingDid: did, proofType: 'did' }), proofType: 'did' };
}

/** Checks and builds every entity of `specs` (in order; a later one may delegate to an agent created earlier). */
export function prepareEntities(ctx: IdentityContext, specs: readonly NewEntitySpec[]): Promise<PreparedEntities> {
  return withSafeErrors(async () => {
    const vaultKey = await ctx.wallet.requireVaultKey();
    const secrets = await ctx.keyring.secrets(vaultKey);
    const resolverUrl = await getSetting(ctx.db, 'resolverUrl');
    const now = ctx.now();
    const batch: PreparedEntity[] = [];
    for (const spec of specs) {
      validateKeyName(spec.keyName);
      if (spec.delegateTo !== undefined && spec.kind === 'agent')
        throw new SigilError(ErrorCode.invalidParams, 'An Agent does not delegate; Users and Twins delegate to Agents.');
      const seedId = pickSeed(secrets, spec.seedId);
      const seed = secrets.seeds.find((s) => s.id === seedId)!;
      const keys = await deriveEntityKeys(await entropyToMaster(seed.entropy), spec.kind, spec.keyName);
      const did = didFromPublicKey(keys[0]!.publicKey);
      if ((await ctx.entities.find(did)) || batch.some((p) => p.record.did === did))
        throw new SigilError(ErrorCode.invalidParams, `This seed already has ${spec.kind === 'agent' ? 'an' : 'a'} ${spec.kind} with that key name (${did}).`);
      const delegations = spec.delegateTo === undefined ? [] : [await delegationTo(ctx, vaultKey, spec.delegateTo, did, batch)];
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
    return { entities: batch, records: batch.map((p) => p.record) };
  });
}

/** Writes a prepared batch, all of it or none; refuses when one of its DIDs appeared meanwhile. */
export function writeEntities(ctx: IdentityContext, prepared: PreparedEntities, alongside?: WritesAlongside): Promise<void> {
  return withSafeErrors(async () => {
    await ctx.wallet.writeSecrets((current) => ({
      secrets: prepared.entities.reduce(
        (acc, p) => addEntityRef(acc, { entityId: p.record.did, seedId: p.seedId, kind: p.spec.kind, keyName: p.spec.keyName }),
        current,
      ),
      result: undefined,
      publicWrites: {
        stores: ['entities', ...(alongside?.stores ?? [])],
        async write(tx: WriteTransaction) {
          const store = tx.objectStore('entities');
          for (const record of prepared.records) {
            if ((await store.getKey(record.did)) !== undefined)
              throw new SigilError(ErrorCode.invalidParams, `${record.did} is already in the wallet.`);
            await store.put(record);
          }
          await alongside?.write(tx);
        },
      },
    }));
    const dids = prepared.records.map((r) => r.did);
    ctx.events.emit({ type: 'entitiesChanged', dids });
    ctx.registrar.registerInBackground(dids);
  });
}
