/**
 * Auth tokens and delegation proofs, in the format of the entities involved: Sigil's (DESIGN §2.6,
 * §2.7, signed by an agent's signing key) or IOTICS' (§2.8, signed by an owner key the wallet holds).
 * The plan functions check everything that can be checked before anyone is asked to approve.
 */
import {
  checkDid,
  createAuthToken,
  createDelegationProof,
  createIoticsAuthToken,
  createIoticsDelegationProof,
  keyId,
  signingKey,
  type IdentityFormat,
  type ProofType,
} from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { EntityRecord } from '../storage';
import type { IdentityContext } from './context';
import type { AnyLoadedEntity, LoadedEntity } from './entity-store';
import { findHeldIoticsKey, mixedFormats, requireHeldIoticsKey } from './iotics-keys';

export interface AuthTokenPlan {
  format: IdentityFormat;
  user: EntityRecord;
  /** The identity that signs: an Agent, or (IOTICS) a Twin or any identity for itself. */
  agent: EntityRecord;
  /** `<agentDid>#<signing key id>` */
  issuer: string;
  audience: string;
  durationSeconds: number;
}

export interface DelegationProofPlan {
  format: IdentityFormat;
  agent: EntityRecord;
  delegator: string;
  proofType: ProofType;
}

const sigilSigningKeyIdOf = (agent: LoadedEntity): string => {
  const key = signingKey(agent.state);
  return `${agent.record.did}${keyId('agent', key.priority, key.generation)}`;
};

function activeDelegationsOf(user: AnyLoadedEntity) {
  return [...user.document.delegateAuthentication, ...user.document.delegateControl].filter((d) => !d.revoked);
}

async function requireAgent(ctx: IdentityContext, did: string): Promise<AnyLoadedEntity> {
  const agent = await ctx.entities.require(did);
  if (agent.record.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, `${did} is not an Agent.`);
  return agent;
}

/**
 * Finds the identity that signs for `user`: the agent named; else an agent signs for itself; an IOTICS
 * Twin signs its own token (DESIGN §2.8); else the first agent the user delegates to.
 */
async function agentFor(ctx: IdentityContext, user: AnyLoadedEntity, agentDid: string | undefined): Promise<AnyLoadedEntity> {
  if (agentDid !== undefined) {
    // One answer for every refusal: a site must not learn which DIDs the wallet holds by naming them.
    const agent = agentDid === user.record.did ? user : await ctx.entities.find(agentDid);
    const delegates = agent === user || activeDelegationsOf(user).some((d) => d.controller.startsWith(`${agentDid}#`));
    if (!agent || agent.record.kind !== 'agent' || !delegates)
      throw new SigilError(ErrorCode.invalidParams, `params.agent must be an Agent in Sigil that ${user.record.did} delegates authentication to.`);
    return agent;
  }
  if (user.record.kind === 'agent') return user;
  if (user.format === 'iotics' && user.record.kind === 'twin') return user;
  for (const delegation of activeDelegationsOf(user)) {
    const agent = await ctx.entities.find(delegation.controller.slice(0, delegation.controller.indexOf('#')));
    if (agent?.record.kind === 'agent') return agent;
  }
  throw new SigilError(ErrorCode.invalidParams, `${user.record.did} has not delegated to any Agent in this wallet.`);
}

/** The issuer (`did#keyId`) and secret key the signing identity signs with. Needs the wallet unlocked. */
async function signerOf(ctx: IdentityContext, agent: AnyLoadedEntity): Promise<{ issuer: string; secretKey: Uint8Array }> {
  const vaultKey = await ctx.wallet.requireVaultKey();
  if (agent.format === 'iotics') {
    const held = await requireHeldIoticsKey(ctx, vaultKey, agent);
    return { issuer: held.reference, secretKey: held.secretKey };
  }
  const secretKey = await ctx.keyring.secretKeyFor(vaultKey, agent.record.did, 'agent', signingKey(agent.state));
  if (!secretKey) throw new SigilError(ErrorCode.invalidParams, `This wallet does not hold the signing key of ${agent.record.did}.`);
  return { issuer: sigilSigningKeyIdOf(agent), secretKey };
}

/**
 * The issuer a token of `agent` will name, without unlocking: Sigil's signing key; for IOTICS the
 * first non-revoked owner key (the one the wallet signs with when it holds it; checked at signing).
 */
async function plannedIssuer(ctx: IdentityContext, agent: AnyLoadedEntity): Promise<string> {
  if (agent.format === 'sigil') return sigilSigningKeyIdOf(agent);
  const vaultKey = await ctx.wallet.currentVaultKey();
  const held = vaultKey ? await findHeldIoticsKey(ctx, vaultKey, agent) : null;
  const key = held?.key ?? agent.document.publicKey.find((k) => !k.revoked);
  if (!key) throw new SigilError(ErrorCode.invalidParams, `${agent.record.did} has no owner key to sign with.`);
  return `${agent.record.did}${key.id}`;
}

/** Checks everything a verifier would; needs no unlock. */
export async function planAuthToken(
  ctx: IdentityContext,
  params: { user: string; agent?: string; audience: string; durationSeconds: number },
): Promise<AuthTokenPlan> {
  const user = await ctx.entities.require(params.user);
  const agent = await agentFor(ctx, user, params.agent);
  if (agent.format !== user.format) throw mixedFormats(user.record, agent.record);
  const issuer = await plannedIssuer(ctx, agent);
  if (agent.record.did !== user.record.did) {
    const delegations = activeDelegationsOf(user).filter((d) => d.controller.startsWith(`${agent.record.did}#`));
    if (delegations.length === 0)
      throw new SigilError(ErrorCode.invalidParams, `${user.record.did} has not delegated authentication to ${agent.record.did}.`);
    if (!delegations.some((d) => d.controller === issuer))
      throw new SigilError(
        ErrorCode.invalidParams,
        `The delegation from ${user.record.did} to ${agent.record.did} names a replaced key and needs renewal.`,
      );
  }
  return {
    format: user.format,
    user: user.record,
    agent: agent.record,
    issuer,
    audience: params.audience,
    durationSeconds: params.durationSeconds,
  };
}

/** Checks the params of a delegation proof: an Agent of the wallet, a valid delegator DID. Needs no unlock. */
export async function planDelegationProof(
  ctx: IdentityContext,
  params: { agent: string; delegator: string; proofType: ProofType },
): Promise<DelegationProofPlan> {
  const check = checkDid(params.delegator);
  if (!check.valid) throw new SigilError(ErrorCode.invalidParams, `delegator is not a valid DID: ${check.reason}.`);
  const agent = await requireAgent(ctx, params.agent);
  const delegator = await ctx.entities.find(params.delegator);
  if (delegator && delegator.format !== agent.format) throw mixedFormats(delegator.record, agent.record);
  return { format: agent.format, agent: agent.record, delegator: params.delegator, proofType: params.proofType };
}

/** Refuses, before anyone is asked, a plan whose signing key the wallet does not hold. Needs the wallet unlocked. */
export async function assertHoldsSigningKey(ctx: IdentityContext, signerDid: string): Promise<void> {
  await signerOf(ctx, await ctx.entities.require(signerDid));
}

export async function signAuthToken(ctx: IdentityContext, plan: AuthTokenPlan): Promise<{ token: string; expiresAt: number }> {
  const agent = await ctx.entities.require(plan.agent.did);
  const { issuer, secretKey } = await signerOf(ctx, agent);
  const claims = { issuer, subject: plan.user.did, audience: plan.audience, durationSeconds: plan.durationSeconds, secretKey };
  const { token, expiresAt } = agent.format === 'iotics' ? createIoticsAuthToken(claims) : await createAuthToken(claims);
  return { token, expiresAt };
}

/** A delegation proof by the agent's signing key for the delegator (which need not be in the wallet). */
export async function signDelegationProof(
  ctx: IdentityContext,
  plan: DelegationProofPlan,
): Promise<{ controller: string; proof: string; proofType: ProofType }> {
  const agent = await requireAgent(ctx, plan.agent.did);
  const { issuer, secretKey } = await signerOf(ctx, agent);
  const params = { secretKey, delegatingDid: plan.delegator, proofType: plan.proofType };
  const proof = agent.format === 'iotics' ? createIoticsDelegationProof(params) : await createDelegationProof(params);
  return { controller: issuer, proof, proofType: plan.proofType };
}
