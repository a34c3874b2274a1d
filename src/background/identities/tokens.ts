/**
 * Agent auth tokens (DESIGN.md §2.7) and delegation proofs (§2.6), signed by an agent's signing key.
 * The plan functions check everything that can be checked before anyone is asked to approve.
 */
import { checkDid, createAuthToken, createDelegationProof, keyId, signingKey, type ProofType } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { EntityRecord } from '../storage';
import type { IdentityContext } from './context';
import type { LoadedEntity } from './entity-store';

export interface AuthTokenPlan {
  user: EntityRecord;
  agent: EntityRecord;
  /** `<agentDid>#<signing key id>` */
  issuer: string;
  audience: string;
  durationSeconds: number;
}

export interface DelegationProofPlan {
  agent: EntityRecord;
  delegator: string;
  proofType: ProofType;
}

const signingKeyIdOf = (agent: LoadedEntity): string => {
  const key = signingKey(agent.state);
  return `${agent.record.did}${keyId('agent', key.priority, key.generation)}`;
};

function activeDelegationsOf(user: LoadedEntity) {
  return [...user.document.delegateAuthentication, ...user.document.delegateControl].filter((d) => !d.revoked);
}

async function requireAgent(ctx: IdentityContext, did: string): Promise<LoadedEntity> {
  const agent = await ctx.entities.require(did);
  if (agent.record.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, `${did} is not an Agent.`);
  return agent;
}

/** Finds the agent that signs for `user`: the one named, else the first agent the user delegates to. */
async function agentFor(ctx: IdentityContext, user: LoadedEntity, agentDid: string | undefined): Promise<LoadedEntity> {
  if (agentDid !== undefined) return requireAgent(ctx, agentDid);
  if (user.record.kind === 'agent') return user;
  for (const delegation of activeDelegationsOf(user)) {
    const agent = await ctx.entities.find(delegation.controller.slice(0, delegation.controller.indexOf('#')));
    if (agent?.record.kind === 'agent') return agent;
  }
  throw new SigilError(ErrorCode.invalidParams, `${user.record.did} has not delegated to any Agent in this wallet.`);
}

/** The agent's current signing key, or a clear error when the wallet does not hold it. Needs the wallet unlocked. */
async function agentSecret(ctx: IdentityContext, agent: LoadedEntity): Promise<Uint8Array> {
  const vaultKey = await ctx.wallet.requireVaultKey();
  const secret = await ctx.keyring.secretKeyFor(vaultKey, agent.record.did, 'agent', signingKey(agent.state));
  if (!secret) throw new SigilError(ErrorCode.invalidParams, `This wallet does not hold the signing key of ${agent.record.did}.`);
  return secret;
}

/** Checks everything a verifier would; needs no unlock. */
export async function planAuthToken(
  ctx: IdentityContext,
  params: { user: string; agent?: string; audience: string; durationSeconds: number },
): Promise<AuthTokenPlan> {
  const user = await ctx.entities.require(params.user);
  const agent = await agentFor(ctx, user, params.agent);
  const issuer = signingKeyIdOf(agent);
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
  return { user: user.record, agent: agent.record, issuer, audience: params.audience, durationSeconds: params.durationSeconds };
}

/** Checks the params of a delegation proof: an Agent of the wallet, a valid delegator DID. Needs no unlock. */
export async function planDelegationProof(
  ctx: IdentityContext,
  params: { agent: string; delegator: string; proofType: ProofType },
): Promise<DelegationProofPlan> {
  const check = checkDid(params.delegator);
  if (!check.valid) throw new SigilError(ErrorCode.invalidParams, `delegator is not a valid DID: ${check.reason}.`);
  const agent = await requireAgent(ctx, params.agent);
  return { agent: agent.record, delegator: params.delegator, proofType: params.proofType };
}

/** Refuses, before anyone is asked, a plan whose signing key the wallet does not hold. Needs the wallet unlocked. */
export async function assertHoldsSigningKey(ctx: IdentityContext, agentDid: string): Promise<void> {
  await agentSecret(ctx, await requireAgent(ctx, agentDid));
}

export async function signAuthToken(ctx: IdentityContext, plan: AuthTokenPlan): Promise<{ token: string; expiresAt: number }> {
  const agent = await requireAgent(ctx, plan.agent.did);
  const { token, expiresAt } = await createAuthToken({
    issuer: signingKeyIdOf(agent),
    subject: plan.user.did,
    audience: plan.audience,
    durationSeconds: plan.durationSeconds,
    secretKey: await agentSecret(ctx, agent),
  });
  return { token, expiresAt };
}

/** A delegation proof by the agent's signing key for the delegator (which need not be in the wallet). */
export async function signDelegationProof(
  ctx: IdentityContext,
  plan: DelegationProofPlan,
): Promise<{ controller: string; proof: string; proofType: ProofType }> {
  const agent = await requireAgent(ctx, plan.agent.did);
  const proof = await createDelegationProof({ secretKey: await agentSecret(ctx, agent), delegatingDid: plan.delegator, proofType: plan.proofType });
  return { controller: signingKeyIdOf(agent), proof, proofType: plan.proofType };
}
