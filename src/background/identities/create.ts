/**
 * Creating identities: keys derived from a seed and a secret key name, the chain's first entry, the
 * document with its delegations, and the vault reference. Everything is prepared (and so checked)
 * first; the write then puts the secret references, the public rows and whatever the caller adds
 * (a site's share, the request's result) in one transaction.
 */
import {
  assertValidIoticsDocument,
  createDelegationProof,
  createIdentity,
  createIoticsDelegationProof,
  createIoticsDocument,
  deriveEntityKeys,
  deriveIoticsKey,
  didFromPublicKey,
  entropyToMaster,
  keyId,
  nextDefaultKeyName,
  orderIoticsDocument,
  randomIoticsDelegationId,
  signingKey,
  validateKeyName,
  type EntityKind,
  type IdentityFormat,
  type IoticsDocument,
} from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { withSafeErrors } from '../safe-errors';
import { getSetting, type EntityRecord, type WriteTransaction } from '../storage';
import { addEntityRef, keyNameProblem, type KeyNameOrigin, type PublicStoreName, type SeedSecret, type VaultSecrets } from '../vault';
import type { IdentityContext } from './context';
import { requireHeldIoticsKey, mixedFormats } from './iotics-keys';
import { entityRecordFor, ioticsEntityRecordFor } from './records';

export interface NewEntitySpec {
  kind: EntityKind;
  /** `sigil` when left out. */
  format?: IdentityFormat;
  label: string;
  /**
   * The secret key name; left out, the next default name of this kind and format in the seed
   * (`user-0`, `user-1`…), which the phrase alone recovers (src/core/discovery.ts).
   */
  keyName?: string;
  seedId?: string;
  names?: string[];
  /**
   * The Agent to delegate to (authentication for a User, control for a Twin): its DID, or the index
   * of an agent created earlier in the same batch. It must be of the same format.
   */
  delegateTo?: string | number;
}

/** The key an Agent signs delegation proofs with. */
interface AgentSigningKey {
  /** `agentDid#keyId` */
  controller: string;
  secretKey: Uint8Array;
}

interface PreparedEntity {
  spec: ResolvedSpec;
  format: IdentityFormat;
  seedId: string;
  signing: AgentSigningKey;
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

function pickSeed(secrets: VaultSecrets, seedId: string | undefined): SeedSecret {
  if (seedId !== undefined) {
    const seed = secrets.seeds.find((s) => s.id === seedId);
    if (!seed) throw new SigilError(ErrorCode.invalidParams, 'That seed is not in the wallet.');
    return seed;
  }
  const first = secrets.seeds[0];
  if (!first) throw new SigilError(ErrorCode.invalidParams, 'Add a seed to the wallet first.');
  return first;
}

/** The agent a new entity delegates to (in this batch or in the wallet), of the same format, with its signing key. */
async function delegationAgent(
  ctx: IdentityContext,
  vaultKey: Uint8Array,
  spec: NewEntitySpec & { format: IdentityFormat },
  did: string,
  batch: readonly PreparedEntity[],
): Promise<AgentSigningKey> {
  const target = spec.delegateTo!;
  const inBatch = typeof target === 'number' ? batch[target] : batch.find((p) => p.record.did === target);
  if (inBatch) {
    if (inBatch.spec.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, 'Delegations go to an Agent.');
    if (inBatch.format !== spec.format) throw mixedFormats({ did, format: spec.format }, inBatch.record);
    return inBatch.signing;
  }
  const agentDid = String(target);
  const agent = await ctx.entities.find(agentDid);
  if (!agent) throw new SigilError(ErrorCode.invalidParams, `No agent ${agentDid} in this wallet.`);
  if (agent.record.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, `${agentDid} is not an Agent; delegations go to an Agent.`);
  if (agent.format !== spec.format) throw mixedFormats({ did, format: spec.format }, agent.record);
  if (agent.format === 'iotics') {
    const held = await requireHeldIoticsKey(ctx, vaultKey, agent);
    return { controller: held.reference, secretKey: held.secretKey };
  }
  const signing = signingKey(agent.state);
  const secretKey = await ctx.keyring.secretKeyFor(vaultKey, agentDid, 'agent', signing);
  if (!secretKey) throw new SigilError(ErrorCode.invalidParams, "This wallet does not hold the agent's signing key, so it cannot sign the delegation.");
  return { controller: `${agentDid}${keyId('agent', signing.priority, signing.generation)}`, secretKey };
}

interface BatchContext {
  ctx: IdentityContext;
  vaultKey: Uint8Array;
  resolverUrl: string;
  now: number;
  batch: readonly PreparedEntity[];
}

async function assertNewDid(b: BatchContext, kind: EntityKind, did: string): Promise<void> {
  if ((await b.ctx.entities.find(did)) || b.batch.some((p) => p.record.did === did))
    throw new SigilError(ErrorCode.invalidParams, `This seed already has ${kind === 'agent' ? 'an' : 'a'} ${kind} with that key name (${did}).`);
}

/** A Sigil-format entity (DESIGN §2.2–2.6): Ed25519 keys, the chain's first entry, the document. */
async function prepareSigil(b: BatchContext, spec: ResolvedSpec & { format: 'sigil' }, seed: SeedSecret): Promise<PreparedEntity> {
  validateKeyName(spec.keyName);
  if (seed.method !== 'bip39' || seed.password !== '')
    throw new SigilError(
      ErrorCode.invalidParams,
      'Sigil-format identities derive from a BIP39 seed without a seed password. Choose the IOTICS format, or another seed.',
    );
  const keys = await deriveEntityKeys(await entropyToMaster(seed.entropy), spec.kind, spec.keyName);
  const did = didFromPublicKey(keys[0]!.publicKey);
  await assertNewDid(b, spec.kind, did);
  const delegations = [];
  if (spec.delegateTo !== undefined) {
    const agent = await delegationAgent(b.ctx, b.vaultKey, spec, did, b.batch);
    const proof = await createDelegationProof({ secretKey: agent.secretKey, delegatingDid: did, proofType: 'did' });
    delegations.push({ controller: agent.controller, proof, proofType: 'did' as const });
  }
  const created = await createIdentity({
    kind: spec.kind,
    keys: keys.map((k) => ({ publicKey: k.publicKey, secretKey: k.secretKey })),
    extraNames: spec.names ?? [],
    label: spec.label,
    updateTime: b.now,
    delegations,
  });
  const record = await entityRecordFor({ document: created.document, masterSecret: keys[0]!.secretKey, resolverUrl: b.resolverUrl, now: b.now });
  const signing = keys[keys.length - 1]!;
  return {
    spec,
    format: 'sigil',
    seedId: seed.id,
    signing: { controller: `${did}${keyId(spec.kind, signing.priority, 0)}`, secretKey: signing.secretKey },
    record,
  };
}

/**
 * An IOTICS-format entity (DESIGN §2.8): the key the IOTICS libraries derive from the seed (its method
 * and password) and key name, its document with the delegation (authentication for a User, control
 * for a Twin), and the document token.
 */
async function prepareIotics(b: BatchContext, spec: ResolvedSpec & { format: 'iotics' }, seed: SeedSecret): Promise<PreparedEntity> {
  const problem = keyNameProblem(spec.keyName, 'iotics');
  if (problem) throw new SigilError(ErrorCode.invalidParams, problem);
  if (spec.names && spec.names.length > 0)
    throw new SigilError(ErrorCode.invalidParams, 'Public names are part of a Sigil identity chain; an IOTICS identity has none.');
  const key = await deriveIoticsKey({ seed: seed.entropy, kind: spec.kind, keyName: spec.keyName, method: seed.method, password: seed.password });
  await assertNewDid(b, spec.kind, key.did);
  const keyId = `#${spec.kind}-0`;
  let document: IoticsDocument = createIoticsDocument({ kind: spec.kind, secretKey: key.secretKey, keyId, updateTime: b.now, metadata: { label: spec.label } });
  if (spec.delegateTo !== undefined) {
    const agent = await delegationAgent(b.ctx, b.vaultKey, spec, key.did, b.batch);
    const delegation = {
      id: randomIoticsDelegationId(),
      controller: agent.controller,
      proof: createIoticsDelegationProof({ secretKey: agent.secretKey, delegatingDid: key.did, proofType: 'did' }),
      proofType: 'did' as const,
      revoked: false,
    };
    // Part of the first version of the document, as the IOTICS high-level API registers it.
    const list = spec.kind === 'twin' ? 'delegateControl' : 'delegateAuthentication';
    document = assertValidIoticsDocument(orderIoticsDocument({ ...document, [list]: [delegation] })).document;
  }
  const record = ioticsEntityRecordFor({
    document,
    signer: { keyId, secretKey: key.secretKey },
    resolverUrl: b.resolverUrl,
    label: spec.label,
    now: b.now,
  });
  return { spec, format: 'iotics', seedId: seed.id, signing: { controller: `${key.did}${keyId}`, secretKey: key.secretKey }, record };
}

/** A spec whose key name is decided: the one given, or the next default name. */
type ResolvedSpec = NewEntitySpec & { keyName: string; keyNameOrigin: KeyNameOrigin };

/**
 * The key name of `spec`: the one given, or the first default name (`{kind}-{n}`) this seed does not
 * use yet for this kind and format, counting the batch. A given name equal to that default is a
 * default name too (discovery finds it).
 */
function resolveKeyName(spec: NewEntitySpec, format: IdentityFormat, seed: SeedSecret, secrets: VaultSecrets, batch: readonly PreparedEntity[]): ResolvedSpec {
  const taken = [
    ...secrets.entities.filter((e) => e.seedId === seed.id && e.kind === spec.kind && e.format === format).map((e) => e.keyName),
    ...batch.filter((p) => p.seedId === seed.id && p.spec.kind === spec.kind && p.format === format).map((p) => p.spec.keyName),
  ];
  const defaultName = nextDefaultKeyName(spec.kind, taken);
  const keyName = spec.keyName ?? defaultName;
  return { ...spec, keyName, keyNameOrigin: keyName === defaultName ? 'default' : 'custom' };
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
      if (spec.delegateTo !== undefined && spec.kind === 'agent')
        throw new SigilError(ErrorCode.invalidParams, 'An Agent does not delegate; Users and Twins delegate to Agents.');
      const seed = pickSeed(secrets, spec.seedId);
      const b: BatchContext = { ctx, vaultKey, resolverUrl, now, batch };
      const format = spec.format ?? 'sigil';
      const resolved = resolveKeyName(spec, format, seed, secrets, batch);
      batch.push(format === 'iotics' ? await prepareIotics(b, { ...resolved, format }, seed) : await prepareSigil(b, { ...resolved, format }, seed));
    }
    return { entities: batch, records: batch.map((p) => p.record) };
  });
}

/** Writes a prepared batch, all of it or none; refuses when one of its DIDs appeared meanwhile. */
export function writeEntities(ctx: IdentityContext, prepared: PreparedEntities, alongside?: WritesAlongside): Promise<void> {
  return withSafeErrors(async () => {
    await ctx.wallet.writeSecrets((current) => ({
      secrets: prepared.entities.reduce(
        (acc, p) => addEntityRef(acc, {
          entityId: p.record.did,
          seedId: p.seedId,
          kind: p.spec.kind,
          keyName: p.spec.keyName,
          format: p.format,
          keyNameOrigin: p.spec.keyNameOrigin,
        }),
        current,
      ),
      result: undefined,
      publicWrites: newEntityRows(prepared.records, alongside),
    }));
    const dids = prepared.records.map((r) => r.did);
    ctx.events.emit({ type: 'entitiesChanged', dids });
    ctx.registrar.registerInBackground(dids);
  });
}

/** The public half of a write that adds entities: their rows (none may exist yet) and the caller's rows. */
export function newEntityRows(records: readonly EntityRecord[], alongside?: WritesAlongside): { stores: PublicStoreName[]; write(tx: WriteTransaction): Promise<void> } {
  return {
    stores: ['entities', ...(alongside?.stores ?? [])],
    async write(tx: WriteTransaction) {
      const store = tx.objectStore('entities');
      for (const record of records) {
        if ((await store.getKey(record.did)) !== undefined) throw new SigilError(ErrorCode.invalidParams, `${record.did} is already in the wallet.`);
        await store.put(record);
      }
      await alongside?.write(tx);
    },
  };
}
