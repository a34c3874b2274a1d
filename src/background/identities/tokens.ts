/** Agent auth tokens (DESIGN.md §2.7) and delegation proofs (§2.6), signed by an agent's signing key. */
import { checkDid, createAuthToken, createDelegationProof, keyId, signingKey, type ProofType } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { requireVaultKey } from '../services';
import type { EntityRecord } from '../storage';
import { findEntity, requireEntity, type LoadedEntity } from './entity-state';
import { secretKeyFor } from './keyring';

export interface AuthTokenPlan {
  user: EntityRecord;
  agent: EntityRecord;
  /** `<agentDid>#<signing key id>` */
  issuer: string;
  audience: string;
  durationSeconds: number;
}

const signingKeyIdOf = (agent: LoadedEntity): string => {
  const key = signingKey(agent.state);
  return `${agent.record.did}${keyId('agent', key.priority, key.generation)}`;
};

function activeDelegationsOf(user: LoadedEntity) {
  return [...user.document.delegateAuthentication, ...user.document.delegateControl].filter((d) => !d.revoked);
}

async function requireAgent(did: string): Promise<LoadedEntity> {
  const agent = await requireEntity(did);
  if (agent.record.kind !== 'agent') throw new SigilError(ErrorCode.invalidParams, `${did} is not an Agent.`);
  return agent;
}

/** Finds the agent that signs for `user`: the one named, else the first agent the user delegates to. */
async function agentFor(user: LoadedEntity, agentDid: string | undefined): Promise<LoadedEntity> {
  if (agentDid !== undefined) return requireAgent(agentDid);
  if (user.record.kind === 'agent') return user;
  for (const delegation of activeDelegationsOf(user)) {
    const agent = await findEntity(delegation.controller.slice(0, delegation.controller.indexOf('#')));
    if (agent?.record.kind === 'agent') return agent;
  }
  throw new SigilError(ErrorCode.invalidParams, `${user.record.did} has not delegated to any Agent in this wallet.`);
}

/** Checks everything a verifier would, before anyone is asked to approve. */
export async function planAuthToken(params: {
  user: string;
  agent?: string;
  audience: string;
  durationSeconds: number;
}): Promise<AuthTokenPlan> {
  const user = await requireEntity(params.user);
  const agent = await agentFor(user, params.agent);
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

export async function signAuthToken(plan: AuthTokenPlan): Promise<{ token: string; expiresAt: number }> {
  const vaultKey = await requireVaultKey();
  const agent = await requireAgent(plan.agent.did);
  const key = signingKey(agent.state);
  const secret = await secretKeyFor(vaultKey, agent.record.did, 'agent', key);
  if (!secret) throw new SigilError(ErrorCode.invalidParams, `This wallet does not hold the signing key of ${agent.record.did}.`);
  const { token, expiresAt } = await createAuthToken({
    issuer: signingKeyIdOf(agent),
    subject: plan.user.did,
    audience: plan.audience,
    durationSeconds: plan.durationSeconds,
    secretKey: secret,
  });
  return { token, expiresAt };
}

/** A delegation proof by `agent`'s signing key for `delegator` (which need not be in the wallet). */
export async function signDelegationProof(params: {
  agent: string;
  delegator: string;
  proofType: ProofType;
}): Promise<{ controller: string; proof: string; proofType: ProofType }> {
  const check = checkDid(params.delegator);
  if (!check.valid) throw new SigilError(ErrorCode.invalidParams, `delegator is not a valid DID: ${check.reason}.`);
  const vaultKey = await requireVaultKey();
  const agent = await requireAgent(params.agent);
  const key = signingKey(agent.state);
  const secret = await secretKeyFor(vaultKey, agent.record.did, 'agent', key);
  if (!secret) throw new SigilError(ErrorCode.invalidParams, `This wallet does not hold the signing key of ${agent.record.did}.`);
  const proof = await createDelegationProof({ secretKey: secret, delegatingDid: params.delegator, proofType: params.proofType });
  return { controller: signingKeyIdOf(agent), proof, proofType: params.proofType };
}
