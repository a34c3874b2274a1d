/**
 * Delegations (DESIGN §2.6): a User delegates authentication, a Twin control, to an Agent key.
 */
import { base58Decode } from './base58';
import { base64Decode, base64Encode } from './base64';
import { utf8Encode } from './bytes';
import { checkDelegationInput } from './delegation-shape';
import { parseDid, parseDidUrl } from './did';
import { updateDocument } from './document';
import { PROOF_TYPES, type Delegation, type DidDocument, type ProofType } from './document-types';
import { sign, verify } from './ed25519';
import { CoreError, type Check } from './errors';
import type { IdentityState } from './replay';
import { validateDocument } from './validate-document';

export type DelegationList = 'delegateAuthentication' | 'delegateControl';

/** What a delegation proof signs: ASCII(delegating DID) for 'did', nothing for 'generic'. */
export function delegationMessage(delegatingDid: string, proofType: ProofType): Uint8Array {
  if (!PROOF_TYPES.includes(proofType)) throw new CoreError('INVALID_PARAMS', 'proofType must be did or generic');
  parseDid(delegatingDid);
  return proofType === 'did' ? utf8Encode(delegatingDid) : new Uint8Array(0);
}

/** The proof an agent's signing key gives for a delegation, base64. */
export async function createDelegationProof(params: {
  secretKey: Uint8Array;
  delegatingDid: string;
  proofType?: ProofType;
}): Promise<string> {
  const message = delegationMessage(params.delegatingDid, params.proofType ?? 'did');
  return base64Encode(await sign(message, params.secretKey));
}

/** The list a kind stores its delegations in: user → authentication, twin → control. */
export function delegationListFor(document: DidDocument): DelegationList {
  if (document.ioticsDIDType === 'user') return 'delegateAuthentication';
  if (document.ioticsDIDType === 'twin') return 'delegateControl';
  throw new CoreError('INVALID_PARAMS', 'an agent does not delegate');
}

/** Next `#deleg-<n>`: one past the largest n in either list, so an id is never reused. */
export function nextDelegationId(document: DidDocument): string {
  let next = 0;
  for (const d of [...document.delegateAuthentication, ...document.delegateControl]) {
    const n = Number(/^#deleg-(\d+)$/.exec(d.id)?.[1] ?? -1);
    if (n >= next) next = n + 1;
  }
  return `#deleg-${next}`;
}

export async function addDelegation(
  document: DidDocument,
  params: { controller: string; proof: string; proofType: ProofType; updateTime: number },
): Promise<DidDocument> {
  const list = delegationListFor(document);
  const delegation = checkDelegationInput(params, nextDelegationId(document));
  if (document[list].some((d) => !d.revoked && d.controller === delegation.controller && d.proofType === delegation.proofType))
    throw new CoreError('INVALID_PARAMS', `a delegation to ${delegation.controller} already exists`);
  return updateDocument(document, { updateTime: params.updateTime, [list]: [...document[list], delegation] });
}

export async function revokeDelegation(
  document: DidDocument,
  params: { id: string; updateTime: number },
): Promise<DidDocument> {
  const list = delegationListFor(document);
  const target = document[list].find((d) => d.id === params.id);
  if (!target) throw new CoreError('NOT_FOUND', `no delegation ${String(params.id)} in this document`);
  if (target.revoked) throw new CoreError('INVALID_PARAMS', `delegation ${target.id} is already revoked`);
  return updateDocument(document, {
    updateTime: params.updateTime,
    [list]: document[list].map((d) => (d.id === target.id ? { ...d, revoked: true } : d)),
  });
}

/**
 * Renewal after the controller key was replaced: every active delegation to `oldController` is
 * marked revoked and a new one to `newController` is appended (same proof type, fresh id). `proofs`
 * holds the new key's proof for each proof type in use (see createDelegationProof).
 */
export async function renewDelegations(
  document: DidDocument,
  params: {
    oldController: string;
    newController: string;
    proofs: Partial<Record<ProofType, string>>;
    updateTime: number;
  },
): Promise<DidDocument> {
  const list = delegationListFor(document);
  const stale = document[list].filter((d) => !d.revoked && d.controller === params.oldController);
  if (stale.length === 0) throw new CoreError('NOT_FOUND', `no active delegation to ${params.oldController}`);
  const renewed = document[list].map((d) => (stale.includes(d) ? { ...d, revoked: true } : d));
  const types = [...new Set(stale.map((d) => d.proofType))];
  let n = Number(nextDelegationId(document).slice('#deleg-'.length));
  for (const proofType of types) {
    const proof = params.proofs?.[proofType];
    if (proof === undefined) throw new CoreError('INVALID_PARAMS', `a ${proofType} proof is needed to renew`);
    renewed.push(checkDelegationInput({ controller: params.newController, proof, proofType }, `#deleg-${n++}`));
  }
  return updateDocument(document, { updateTime: params.updateTime, [list]: renewed });
}

/**
 * Whether `delegation` (stored in the document of `delegatingDid`) holds against an already
 * validated controller document.
 */
export async function checkDelegationWithState(
  delegation: Delegation,
  delegatingDid: string,
  controller: { document: DidDocument; state: IdentityState },
): Promise<Check> {
  if (delegation.revoked) return { valid: false, reason: `delegation ${delegation.id} is revoked` };
  let ref: { did: string; fragment: string };
  try {
    ref = parseDidUrl(delegation.controller);
  } catch (error) {
    return { valid: false, reason: `delegation ${delegation.id} controller: ${(error as Error).message}` };
  }
  if (ref.did !== controller.document.id)
    return {
      valid: false,
      reason: `delegation ${delegation.id} names controller ${ref.did}, not ${controller.document.id}`,
    };
  if (controller.document.revoked) return { valid: false, reason: `controller document ${ref.did} is revoked` };
  const key = controller.document.publicKey.find((k) => k.id === ref.fragment);
  if (!key) return { valid: false, reason: `controller key ${ref.fragment} is not in ${ref.did}` };
  if (key.revoked) return { valid: false, reason: `controller key ${ref.fragment} is revoked` };
  let proof: Uint8Array;
  try {
    proof = base64Decode(delegation.proof);
  } catch {
    return { valid: false, reason: `delegation ${delegation.id} proof must be base64` };
  }
  const message = delegationMessage(delegatingDid, delegation.proofType);
  if (!(await verify(proof, message, base58Decode(key.publicKeyBase58))))
    return { valid: false, reason: `delegation ${delegation.id} proof does not verify` };
  return { valid: true };
}

/** Validates the controller document too. */
export async function validateDelegation(
  delegation: Delegation,
  params: { delegatingDid: string; controllerDocument: unknown },
): Promise<Check> {
  const controller = await validateDocument(params.controllerDocument);
  if (!controller.valid) return { valid: false, reason: `controller document is invalid: ${controller.reason}` };
  return checkDelegationWithState(delegation, params.delegatingDid, controller);
}

export interface StaleDelegation {
  delegation: Delegation;
  list: DelegationList;
  /** The controller's active key at the same priority, which a renewal would name. */
  replacement: string;
}

/**
 * Active delegations of `document` to keys of `controllerDocument` that were replaced since: what
 * the wallet must renew (or show as needing renewal).
 */
export function staleDelegations(document: DidDocument, controllerDocument: DidDocument): StaleDelegation[] {
  const out: StaleDelegation[] = [];
  for (const list of ['delegateAuthentication', 'delegateControl'] as const) {
    for (const delegation of document[list]) {
      if (delegation.revoked) continue;
      const hash = delegation.controller.indexOf('#');
      if (delegation.controller.slice(0, hash) !== controllerDocument.id) continue;
      const key = controllerDocument.publicKey.find((k) => k.id === delegation.controller.slice(hash));
      if (!key?.revoked) continue;
      const active = controllerDocument.publicKey.find((k) => !k.revoked && k.priority === key.priority);
      if (active) out.push({ delegation, list, replacement: `${controllerDocument.id}${active.id}` });
    }
  }
  return out;
}
