/** Shape checks of delegations, shared by document building and validation. */
import { base64Decode } from './base64';
import { parseDid } from './did';
import { PROOF_TYPES, type Delegation, type DelegationInput, type ProofType } from './document-types';
import { CoreError } from './errors';

const DELEGATION_ID = /^#deleg-(0|[1-9]\d{0,8})$/;
const CONTROLLER = /^(did:iotics:iot[1-9A-HJ-NP-Za-km-z]{33})#(user|agent|twin)-(0|[1-9]\d{0,8})-(0|[1-9]\d{0,8})$/;

/** Why a delegation is malformed, or undefined. Says nothing about whether its proof verifies. */
export function delegationShapeError(delegation: unknown): string | undefined {
  if (typeof delegation !== 'object' || delegation === null) return 'must be an object';
  const { id, controller, proof, proofType, revoked } = delegation as Partial<Delegation>;
  if (typeof id !== 'string' || !DELEGATION_ID.test(id)) return 'id must be #deleg-<n>';
  const match = typeof controller === 'string' ? CONTROLLER.exec(controller) : null;
  if (!match) return 'controller must be <did>#<kind>-<priority>-<generation>';
  try {
    parseDid(match[1]!);
  } catch (error) {
    return `controller ${(error as Error).message}`;
  }
  if (!PROOF_TYPES.includes(proofType as ProofType)) return 'proofType must be did or generic';
  let bytes: Uint8Array | undefined;
  try {
    bytes = base64Decode(proof as string);
  } catch {
    bytes = undefined;
  }
  if (bytes?.length !== 64) return 'proof must be a base64 64-byte signature';
  if (typeof revoked !== 'boolean') return 'revoked must be true or false';
  return undefined;
}

/** Checks both delegation lists: shapes, and ids unique across the document. */
export function delegationListsError(lists: Record<string, unknown>): string | undefined {
  const ids = new Set<string>();
  for (const [name, list] of Object.entries(lists)) {
    if (!Array.isArray(list)) return `${name} must be an array`;
    for (const [i, delegation] of list.entries()) {
      const error = delegationShapeError(delegation);
      if (error) return `${name}[${i}] ${error}`;
      const id = (delegation as Delegation).id;
      if (ids.has(id)) return `delegation id ${id} is used twice`;
      ids.add(id);
    }
  }
  return undefined;
}

export function checkDelegationInput(input: DelegationInput, id: string): Delegation {
  const delegation: Delegation = { id, controller: input?.controller, proof: input?.proof, proofType: input?.proofType, revoked: false };
  const error = delegationShapeError(delegation);
  if (error) throw new CoreError('INVALID_PARAMS', `delegation ${error}`);
  return delegation;
}

