/**
 * Key replacement (DESIGN.md §2.4): which key signs and why, generating or accepting the new key,
 * the chain entry, the updated document, and renewal of the delegations that named the old key.
 * A replacement is prepared (every check, every signature) before anyone is asked, then written
 * compare-and-set: every row it replaces must be the one it was prepared from.
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
import { withSafeErrors } from '../safe-errors';
import { getSetting } from '../storage';
import type { IdentityContext } from './context';
import type { WritesAlongside } from './create';
import type { LoadedEntity } from './entity-store';
import { ioticsDelegationRenewal } from './iotics-rotation';
import { mixedFormats } from './iotics-keys';
import { entityRecordFor, nextUpdateTime } from './records';
import { writeUpdates, type RowUpdate } from './row-updates';

export interface SignerChoice {
  oldKey: ChainKey;
  signer: ChainKey;
  reason: string;
  requiresPassword: boolean;
  /** Every key that may sign instead: active, of the same or higher priority, held by the wallet; highest priority first. */
  options: ChainKey[];
}

const describe = (kind: string, key: ChainKey) => `${keyId(kind as 'user', key.priority, key.generation)} (priority ${key.priority})`;

function reasonFor(kind: string, oldKey: ChainKey, signer: ChainKey): string {
  return signer.priority === oldKey.priority
    ? `${describe(kind, signer)} signs: a key may be replaced by a key of the same priority.`
    : `${describe(kind, signer)} signs: a key may be replaced by a key of higher priority (a lower number), and ${describe(kind, oldKey)} is below it.`;
}

/**
 * The rule of DESIGN §2.4, checked without the vault (so a request that breaks it opens no window):
 * `oldIdpub` is active, and `requested` (when given) is an active key of the same or higher priority.
 */
export function checkSignerRule(entity: LoadedEntity, oldIdpub: string, requested?: string): { oldKey: ChainKey; signer: ChainKey | null } {
  const { activeKeys } = entity.state;
  const oldKey = activeKeys.find((k) => k.idpub === oldIdpub);
  if (!oldKey) throw new SigilError(ErrorCode.invalidParams, 'oldPublicKey is not an active key of this identity.');
  if (requested === undefined) return { oldKey, signer: null };
  const signer = activeKeys.find((k) => k.idpub === requested);
  if (!signer) throw new SigilError(ErrorCode.invalidParams, 'signerPublicKey is not an active key of this identity.');
  if (signer.priority > oldKey.priority)
    throw new SigilError(
      ErrorCode.invalidParams,
      `signerPublicKey (priority ${signer.priority}) may not replace oldPublicKey (priority ${oldKey.priority}): the signing key must be of the same or a higher priority.`,
    );
  return { oldKey, signer };
}

/**
 * The signer: `requested` (an idpub the caller chose) when the rule allows it and the wallet holds
 * it; otherwise the key one level above the replaced one (the master replaces itself), so a leaked
 * key can never replace itself, or if the wallet lacks it, the lowest-privilege held key that the
 * rule allows.
 */
export async function chooseSigner(
  ctx: IdentityContext,
  vaultKey: Uint8Array,
  entity: LoadedEntity,
  oldIdpub: string,
  requested?: string,
): Promise<SignerChoice> {
  const { state, record } = entity;
  const { oldKey, signer } = checkSignerRule(entity, oldIdpub, requested);
  const options: ChainKey[] = [];
  for (const candidate of state.activeKeys.filter((k) => k.priority <= oldKey.priority))
    if (await ctx.keyring.secretKeyFor(vaultKey, record.did, record.kind, candidate)) options.push(candidate);
  options.sort((a, b) => a.priority - b.priority);
  const choice = (key: ChainKey): SignerChoice => ({
    oldKey,
    signer: key,
    reason: reasonFor(record.kind, oldKey, key),
    requiresPassword: key.priority === 0,
    options,
  });
  if (signer) {
    if (!options.includes(signer)) throw new SigilError(ErrorCode.invalidParams, 'This wallet does not hold the private key of signerPublicKey.');
    return choice(signer);
  }
  const preferred = Math.max(oldKey.priority - 1, 0);
  const [best] = [...options].sort((a, b) => Math.abs(a.priority - preferred) - Math.abs(b.priority - preferred) || b.priority - a.priority);
  if (!best) throw new SigilError(ErrorCode.invalidParams, 'This wallet holds no key that may sign this replacement.');
  return choice(best);
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


/** A replacement ready to be written: checked and signed, not yet stored. */
export interface PreparedReplacement {
  choice: SignerChoice;
  result: ReplacementResult;
  updates: RowUpdate[];
}

/** Renews, in every wallet entity, active delegations naming keys of `agent` that are now revoked. */
async function renewalsFor(ctx: IdentityContext, vaultKey: Uint8Array, agentDocument: DidDocument, resolverUrl: string, now: number): Promise<RowUpdate[]> {
  const out: RowUpdate[] = [];
  const agentState = await ctx.entities.stateOf(agentDocument);
  for (const record of await ctx.entities.all()) {
    if (record.did === agentDocument.id || record.kind === 'agent' || record.format !== 'sigil' || !record.document) continue;
    const delegator = await ctx.entities.load(record);
    const stale = staleDelegations(delegator.document, agentDocument);
    if (stale.length === 0) continue;
    const master = await ctx.keyring.secretKeyFor(vaultKey, record.did, record.kind, delegator.state.activeKeys[0]!);
    if (!master) continue; // Shown as needing renewal: the wallet cannot re-sign this document.
    let document = delegator.document;
    for (const oldController of new Set(stale.map((s) => s.delegation.controller))) {
      const newController = stale.find((s) => s.delegation.controller === oldController)!.replacement;
      const newKeyId = newController.slice(newController.indexOf('#'));
      const newKey = agentDocument.publicKey.find((k) => k.id === newKeyId)!;
      const chainKey = agentState.keys.find((k) => k.idpub === newKey.idpub)!;
      const secret = await ctx.keyring.secretKeyFor(vaultKey, agentDocument.id, 'agent', chainKey);
      if (!secret) continue;
      const types = new Set(stale.filter((s) => s.delegation.controller === oldController).map((s) => s.delegation.proofType));
      const proofs: Partial<Record<'did' | 'generic', string>> = {};
      for (const proofType of types) proofs[proofType] = await createDelegationProof({ secretKey: secret, delegatingDid: record.did, proofType });
      document = await renewDelegations(document, { oldController, newController, proofs, updateTime: nextUpdateTime(document, now) });
    }
    if (document !== delegator.document)
      out.push({
        row: await entityRecordFor({ document, masterSecret: master, resolverUrl, previous: record, now }),
        readUpdateTime: delegator.document.updateTime,
      });
  }
  return out;
}

async function newKeyFor(ctx: IdentityContext, vaultKey: Uint8Array, entity: LoadedEntity, oldKey: ChainKey, pasted: string | undefined) {
  const generation = nextGeneration(entity, oldKey.priority);
  if (pasted !== undefined) {
    decodeIdpub(pasted);
    if (entity.state.keys.some((k) => k.idpub === pasted))
      throw new SigilError(ErrorCode.invalidParams, 'newPublicKey was already used in this identity; keys are never reused.');
    if (oldKey.priority === 0 && !(await ctx.keyring.secretKeyFor(vaultKey, entity.record.did, entity.record.kind, { idpub: pasted, priority: 0, generation })))
      throw new SigilError(ErrorCode.invalidParams, 'Sigil must hold the new master key to keep the document signed: import its idsec first.');
    return pasted;
  }
  const derived = await ctx.keyring.derivedKeyFor(vaultKey, entity.record.did, entity.record.kind, oldKey.priority, generation);
  return encodeIdpub(derived.publicKey);
}

/**
 * Checks and signs the replacement of `oldKey` of `did` (a missing `newPublicKey` means Sigil derives
 * the next key of the slot; a missing `signerPublicKey`, that Sigil chooses the signer), with the
 * renewals it brings. Nothing is stored.
 */
export function prepareReplacement(
  ctx: IdentityContext,
  params: { did: string; oldKey: string; newPublicKey?: string; signerPublicKey?: string },
): Promise<PreparedReplacement> {
  return withSafeErrors(async () => {
    const vaultKey = await ctx.wallet.requireVaultKey();
    const resolverUrl = await getSetting(ctx.db, 'resolverUrl');
    const entity = await ctx.entities.requireSigil(params.did);
    const choice = await chooseSigner(ctx, vaultKey, entity, params.oldKey, params.signerPublicKey);
    const newKey = await newKeyFor(ctx, vaultKey, entity, choice.oldKey, params.newPublicKey);
    const signerSecret = (await ctx.keyring.secretKeyFor(vaultKey, entity.record.did, entity.record.kind, choice.signer))!;
    const replaced = await replaceKey(entity.document.identityChain, { oldKey: choice.oldKey.idpub, newKey, signerSecretKey: signerSecret });
    const now = ctx.now();
    const document = await updateDocument(entity.document, { updateTime: nextUpdateTime(entity.document, now), identityChain: replaced.chain });
    const updated = await ctx.entities.load({ ...entity.record, document: document as unknown as Record<string, unknown> });
    const master = await ctx.keyring.secretKeyFor(vaultKey, entity.record.did, entity.record.kind, updated.state.activeKeys[0]!);
    if (!master) throw new SigilError(ErrorCode.invalidParams, 'This wallet does not hold the master key needed to sign the updated document.');
    const record = await entityRecordFor({ document, masterSecret: master, resolverUrl, previous: entity.record, now });
    const renewed = record.kind === 'agent' ? await renewalsFor(ctx, vaultKey, document, resolverUrl, now) : [];
    return {
      choice,
      result: { entryHash: replaced.entryHash, stage: record.stage, newKey, renewed: renewed.map((r) => r.row.did) },
      updates: [{ row: record, readUpdateTime: entity.document.updateTime }, ...renewed],
    };
  });
}

export function commitReplacement(ctx: IdentityContext, prepared: PreparedReplacement, alongside?: WritesAlongside): Promise<ReplacementResult> {
  return withSafeErrors(async () => {
    await writeUpdates(ctx, prepared.updates, alongside);
    return prepared.result;
  });
}

/** Renews one delegation of `did` whose controller key was replaced (e.g. after an import). */
export function renewDelegation(ctx: IdentityContext, did: string, delegationId: string, alongside?: WritesAlongside): Promise<void> {
  return withSafeErrors(async () => {
    const vaultKey = await ctx.wallet.requireVaultKey();
    const resolverUrl = await getSetting(ctx.db, 'resolverUrl');
    const delegator = await ctx.entities.require(did);
    const all = [...delegator.document.delegateAuthentication, ...delegator.document.delegateControl];
    const delegation = all.find((d) => d.id === delegationId && !d.revoked);
    if (!delegation) throw new SigilError(ErrorCode.invalidParams, `No active delegation ${delegationId} in ${did}.`);
    const agent = await ctx.entities.require(delegation.controller.slice(0, delegation.controller.indexOf('#')));
    if (delegator.format === 'iotics' && agent.format === 'iotics') {
      const update = await ioticsDelegationRenewal(ctx, vaultKey, delegator, delegation.controller, agent, resolverUrl);
      await writeUpdates(ctx, [update], alongside);
      return;
    }
    if (agent.format !== 'sigil' || delegator.format !== 'sigil') throw mixedFormats(delegator.record, agent.record);
    const update = (await renewalsFor(ctx, vaultKey, agent.document, resolverUrl, ctx.now())).find((r) => r.row.did === did);
    if (!update) throw new SigilError(ErrorCode.invalidParams, 'This delegation does not need renewal, or the wallet lacks the keys to renew it.');
    await writeUpdates(ctx, [update], alongside);
  });
}
