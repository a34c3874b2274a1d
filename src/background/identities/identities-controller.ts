/**
 * Identities: listing and showing them, creating them, replacing keys, renewing delegations,
 * signing tokens and proofs, and registering documents. Built with the database, the wallet (vault
 * key, secrets writes), the keyring, the events and a clock; see the modules it delegates to.
 */
import type { DidDocument, IoticsDocument, ProofType } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { EntitySummary, EntityView } from '../../shared/ui-api';
import { withSafeErrors } from '../safe-errors';
import { getSetting, writeAtomically, type EntityRecord } from '../storage';
import { keyNameOriginOf } from '../vault';
import type { IdentityContext } from './context';
import { prepareEntities, writeEntities, type NewEntitySpec, type PreparedEntities, type WritesAlongside } from './create';
import type { AnyLoadedEntity, LoadedEntity } from './entity-store';
import { commitRestore, prepareRestore, type PreparedRestore } from './discovery';
import { commitIoticsRotation, prepareIoticsRotation, type PreparedIoticsRotation } from './iotics-rotation';
import {
  chooseSigner,
  commitReplacement,
  prepareReplacement,
  renewDelegation,
  type PreparedReplacement,
  type ReplacementResult,
  type SignerChoice,
} from './replacement';
import {
  assertHoldsSigningKey,
  planAuthToken,
  planDelegationProof,
  signAuthToken,
  signDelegationProof,
  type AuthTokenPlan,
  type DelegationProofPlan,
} from './tokens';
import { entityViewOf, summaryOf } from './views';

export class IdentitiesController {
  constructor(private readonly ctx: IdentityContext) {}

  /** The entity, of either format. */
  require(did: string): Promise<AnyLoadedEntity> {
    return withSafeErrors(() => this.ctx.entities.require(did));
  }

  /** The entity when it is of the Sigil format; -32602 (it has no identity chain) for an IOTICS one. */
  requireSigil(did: string): Promise<LoadedEntity> {
    return withSafeErrors(() => this.ctx.entities.requireSigil(did));
  }

  /** An entity row with its replayed state (e.g. one just prepared, to read its first entry hash). */
  load(record: EntityRecord): Promise<LoadedEntity> {
    return withSafeErrors(() => this.ctx.entities.load(record));
  }

  async summaries(): Promise<EntitySummary[]> {
    return (await this.ctx.entities.all()).map(summaryOf).sort((a, b) => a.createdAt - b.createdAt);
  }

  async view(did: string): Promise<EntityView> {
    const view = await entityViewOf(this.ctx.entities, await this.require(did));
    const vaultKey = await this.ctx.wallet.currentVaultKey();
    const ref = vaultKey && (await this.ctx.keyring.secrets(vaultKey)).entities.find((e) => e.entityId === did);
    // Whether the name is a default one is not secret; the name itself never leaves the background.
    return ref ? { ...view, keyName: keyNameOriginOf(ref) } : view;
  }

  /** Checks and signs a batch of new entities; `create` writes it. */
  prepareEntities(specs: readonly NewEntitySpec[]): Promise<PreparedEntities> {
    return prepareEntities(this.ctx, specs);
  }

  writeEntities(prepared: PreparedEntities, alongside?: WritesAlongside): Promise<void> {
    return writeEntities(this.ctx, prepared, alongside);
  }

  /** Recovery from the phrase alone: what the resolver holds for a seed's default key names; nothing is written. */
  prepareRestore(params: { seedId?: string }): Promise<PreparedRestore> {
    return prepareRestore(this.ctx, params);
  }

  commitRestore(prepared: PreparedRestore, alongside?: WritesAlongside): Promise<void> {
    return commitRestore(this.ctx, prepared, alongside);
  }

  /** Which key would sign the replacement of `oldKey`, and why. Needs the wallet unlocked. */
  chooseSigner(did: string, oldKey: string): Promise<{ entity: LoadedEntity; choice: SignerChoice }> {
    return withSafeErrors(async () => {
      const entity = await this.ctx.entities.requireSigil(did);
      return { entity, choice: await chooseSigner(this.ctx, await this.ctx.wallet.requireVaultKey(), entity, oldKey) };
    });
  }

  prepareReplacement(params: { did: string; oldKey: string; newPublicKey?: string; signerPublicKey?: string }): Promise<PreparedReplacement> {
    return prepareReplacement(this.ctx, params);
  }

  commitReplacement(prepared: PreparedReplacement, alongside?: WritesAlongside): Promise<ReplacementResult> {
    return commitReplacement(this.ctx, prepared, alongside);
  }

  /** IOTICS format: checks and signs the rotation of an owner key (DESIGN §2.8); nothing is sent or stored. */
  prepareIoticsRotation(params: { did: string; keyId: string }): Promise<PreparedIoticsRotation> {
    return prepareIoticsRotation(this.ctx, params);
  }

  commitIoticsRotation(prepared: PreparedIoticsRotation, alongside?: WritesAlongside): Promise<void> {
    return commitIoticsRotation(this.ctx, prepared, alongside);
  }

  renewDelegation(did: string, delegationId: string, alongside?: WritesAlongside): Promise<void> {
    return renewDelegation(this.ctx, did, delegationId, alongside);
  }

  planAuthToken(params: { user: string; agent?: string; audience: string; durationSeconds: number }): Promise<AuthTokenPlan> {
    return withSafeErrors(() => planAuthToken(this.ctx, params));
  }

  planDelegationProof(params: { agent: string; delegator: string; proofType: ProofType }): Promise<DelegationProofPlan> {
    return withSafeErrors(() => planDelegationProof(this.ctx, params));
  }

  /** Needs the wallet unlocked: refuses a signer (an agent, or an IOTICS twin for itself) whose key the wallet does not hold. */
  assertHoldsSigningKey(signerDid: string): Promise<void> {
    return withSafeErrors(() => assertHoldsSigningKey(this.ctx, signerDid));
  }

  signAuthToken(plan: AuthTokenPlan): Promise<{ token: string; expiresAt: number }> {
    return withSafeErrors(() => signAuthToken(this.ctx, plan));
  }

  signDelegationProof(plan: DelegationProofPlan): Promise<{ controller: string; proof: string; proofType: ProofType }> {
    return withSafeErrors(() => signDelegationProof(this.ctx, plan));
  }

  /**
   * The document and its signed document token. A row without a token (never signed) gets one signed
   * now and stored; while locked that cannot be done, and the caller is told so.
   */
  async documentOf(did: string): Promise<{ document: DidDocument | IoticsDocument; token: string }> {
    const entity = await this.require(did);
    if (entity.record.documentToken) return { document: entity.document, token: entity.record.documentToken };
    if (!(await this.ctx.wallet.currentVaultKey()))
      throw new SigilError(ErrorCode.unauthorized, 'The document of this identity is not signed yet. Unlock Sigil and try again.');
    const signed = await this.ctx.registrar.tokenFor(entity.record, await getSetting(this.ctx.db, 'resolverUrl'));
    if (!signed)
      throw new SigilError(ErrorCode.invalidParams, 'This wallet does not hold the master key of this identity, so it cannot sign its document.');
    await writeAtomically(this.ctx.db, ['entities'], async (tx) => {
      const current = await tx.objectStore('entities').get(did);
      // Stored only onto the document it signs; a newer one keeps its own.
      if (current && (current.document as unknown as DidDocument | null)?.updateTime === entity.document.updateTime)
        await tx.objectStore('entities').put({ ...current, documentToken: signed.token });
    });
    return { document: entity.document, token: signed.token };
  }

  /** Registers one entity now; answers with its summary afterwards. */
  async register(did: string): Promise<EntitySummary> {
    await this.ctx.registrar.register((await this.require(did)).record);
    return summaryOf((await this.require(did)).record);
  }

  /** Entities created while no resolver was reachable get registered at the next chance. */
  registerPending(): void {
    this.ctx.registrar.registerInBackground();
  }

  resolverChanged(): Promise<void> {
    return this.ctx.registrar.resolverChanged();
  }
}
