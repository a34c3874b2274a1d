/**
 * IOTICS delegations (DESIGN §2.8, research note §4): the delegate (agent) signs the delegating DID
 * (`did`) or nothing (`generic`) with DER ECDSA; the entry lives in the delegating document.
 */
import { base58Decode } from '../base58';
import { base64Decode, base64Encode } from '../base64';
import { utf8Encode } from '../bytes';
import { parseDid, parseDidUrl } from '../did';
import type { ProofType } from '../document-types';
import { CoreError, type Check } from '../errors';
import { randomBytes } from '../bytes';
import { assertIoticsName, updateIoticsDocument } from './document';
import type { IoticsDelegation, IoticsDocument } from './document-types';
import { signDer, verifyDer } from './secp256k1';

export type IoticsDelegationList = 'delegateAuthentication' | 'delegateControl';

const proofMessage = (delegatingDid: string, proofType: ProofType): Uint8Array =>
  proofType === 'generic' ? new Uint8Array(0) : utf8Encode(delegatingDid);

function readProofType(proofType: unknown): ProofType {
  if (proofType === undefined) return 'did';
  if (proofType !== 'did' && proofType !== 'generic') throw new CoreError('INVALID_PARAMS', 'proofType must be did or generic');
  return proofType;
}

/** base64 DER signature by the agent's key over ASCII(delegatingDid) (`did`) or empty bytes (`generic`). */
export function createIoticsDelegationProof(params: { secretKey: Uint8Array; delegatingDid: string; proofType?: ProofType }): string {
  const proofType = readProofType(params.proofType);
  parseDid(params.delegatingDid);
  return base64Encode(signDer(proofMessage(params.delegatingDid, proofType), params.secretKey));
}

/** A random delegation id as the Python library makes one: `#` and 9 of [a-z0-9]. */
export function randomIoticsDelegationId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  // 252 = 7 × 36: rejection sampling keeps every character equally likely.
  let id = '#';
  while (id.length < 10) for (const byte of randomBytes(16)) if (byte < 252 && id.length < 10) id += alphabet[byte % 36];
  return id;
}

/**
 * Adds a delegation to `list` of the delegating document. An existing entry with the same id is
 * replaced (a renewed proof), keeping its place.
 */
export function addIoticsDelegation(
  doc: IoticsDocument,
  list: IoticsDelegationList,
  delegation: { id?: string; controller: string; proof: string; proofType?: ProofType },
  updateTime?: number,
): IoticsDocument {
  if (list !== 'delegateAuthentication' && list !== 'delegateControl')
    throw new CoreError('INVALID_PARAMS', 'list must be delegateAuthentication or delegateControl');
  const id = delegation.id ?? randomIoticsDelegationId();
  assertIoticsName(id, 'delegation id');
  const entry: IoticsDelegation = {
    id,
    controller: delegation.controller,
    proof: delegation.proof,
    proofType: readProofType(delegation.proofType),
    revoked: false,
  };
  const at = doc[list].findIndex((d) => d.id === id);
  const entries = at < 0 ? [...doc[list], entry] : doc[list].map((d, i) => (i === at ? entry : d));
  return updateIoticsDocument(doc, { [list]: entries, ...(updateTime === undefined ? {} : { updateTime }) });
}

/**
 * Valid iff the controller key is a non-revoked owner key of the controller's (valid) document and
 * the proof verifies. `controllerDocument` must be the document of the controller's DID.
 */
export function validateIoticsDelegation(
  delegation: IoticsDelegation,
  delegatingDid: string,
  controllerDocument: IoticsDocument,
): Check {
  if (delegation.revoked) return { valid: false, reason: `delegation ${delegation.id} is revoked` };
  const controller = parseDidUrl(delegation.controller);
  if (controller.did !== controllerDocument.id)
    return { valid: false, reason: `delegation ${delegation.id} names ${controller.did}, not ${controllerDocument.id}` };
  if (controllerDocument.revoked) return { valid: false, reason: `controller document ${controller.did} is revoked` };
  const key = controllerDocument.publicKey.find((k) => k.id === controller.fragment);
  if (!key) return { valid: false, reason: `delegation controller key ${delegation.controller} is not an owner key of its document` };
  if (key.revoked) return { valid: false, reason: `delegation controller key ${delegation.controller} is revoked` };
  let proof: Uint8Array;
  try {
    proof = base64Decode(delegation.proof);
  } catch {
    return { valid: false, reason: `delegation ${delegation.id} proof is not base64` };
  }
  if (!verifyDer(proof, proofMessage(delegatingDid, delegation.proofType), base58Decode(key.publicKeyBase58)))
    return { valid: false, reason: `delegation ${delegation.id} proof does not verify with ${delegation.controller}` };
  return { valid: true };
}

/**
 * Renews every delegation of `doc` whose controller is `oldController`: it now names `newController`
 * with a fresh proof by that key (same id and proof type). Returns null when nothing names it.
 */
export function renewIoticsDelegations(
  doc: IoticsDocument,
  params: { oldController: string; newController: string; secretKey: Uint8Array; updateTime?: number },
): IoticsDocument | null {
  parseDidUrl(params.oldController);
  parseDidUrl(params.newController);
  let renewed = 0;
  const renew = (list: IoticsDelegation[]) =>
    list.map((d) => {
      if (d.controller !== params.oldController) return d;
      renewed++;
      const proof = createIoticsDelegationProof({ secretKey: params.secretKey, delegatingDid: doc.id, proofType: d.proofType });
      return { ...d, controller: params.newController, proof };
    });
  const delegateControl = renew(doc.delegateControl);
  const delegateAuthentication = renew(doc.delegateAuthentication);
  if (renewed === 0) return null;
  return updateIoticsDocument(doc, {
    delegateControl,
    delegateAuthentication,
    ...(params.updateTime === undefined ? {} : { updateTime: params.updateTime }),
  });
}
