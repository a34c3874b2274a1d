/**
 * Verifier of IOTICS auth tokens (DESIGN §2.8, research note §4–§5) with Sigil's stricter checks:
 * the audience is enforced, revoked or removed keys are refused, documents (DID checksum, proof where
 * the DID's key is still listed) are validated, and every delegation proof is checked.
 */
import { base58Decode } from '../base58';
import { parseDidUrl } from '../did';
import { CoreError } from '../errors';
import { documentFormat } from '../registration';
import { readAuthClaims } from '../token-claims';
import type { ResolvedDocument } from '../resolver';
import type { IoticsAuthTokenClaims } from './auth-token';
import type { IoticsDelegation, IoticsDocument } from './document-types';
import { decodeIoticsJwt, verifyIoticsJwtSignature } from './jwt';
import { validateIoticsDelegation } from './delegation';
import { validateIoticsDocument } from './validate-document';

const MAX_AUTH_TOKEN_LENGTH = 8192;

export interface VerifyIoticsAuthTokenOptions {
  audience: string;
  resolve: (did: string) => Promise<ResolvedDocument | null>;
  /** Unix seconds; the clock by default. */
  now?: number;
  clockSkewSeconds?: number;
  /** The libraries set no maximum lifetime; a verifier may. */
  maxLifetimeSeconds?: number;
}

export interface VerifiedIoticsAuthToken {
  format: 'iotics';
  claims: IoticsAuthTokenClaims;
  issuer: { did: string; keyId: string; document: IoticsDocument };
  subject: { did: string; document: IoticsDocument };
  /** The delegation that lets the issuer act for the subject; null when they are the same identity. */
  delegation: IoticsDelegation | null;
  /** Set when the permission comes through the subject's `controller` document (its DID). */
  controller?: string;
}


async function resolveIotics(
  resolve: VerifyIoticsAuthTokenOptions['resolve'],
  did: string,
  role: 'issuer' | 'subject' | 'controller',
): Promise<IoticsDocument> {
  let found: unknown;
  try {
    found = await resolve(did);
  } catch (error) {
    if (error instanceof CoreError)
      throw error.code === 'RESOLVER_ERROR' ? error : new CoreError(error.code, `${role} document ${did}: ${error.message}`);
    throw new CoreError('RESOLVER_ERROR', `resolving the ${role} document of ${did} failed`);
  }
  if (found === null || found === undefined) throw new CoreError('DOCUMENT_NOT_FOUND', `${role} document ${did} was not found`);
  if (typeof found === 'object' && documentFormat(found) !== 'iotics')
    throw new CoreError('INVALID_DOCUMENT', `${role} document ${did} is in the sigil format; the token is an IOTICS one`);
  const check = validateIoticsDocument(found);
  if (!check.valid) throw new CoreError('INVALID_DOCUMENT', `${role} document ${did} is invalid: ${check.reason}`);
  if (check.document.id !== did) throw new CoreError('INVALID_DOCUMENT', `resolver returned ${check.document.id} for ${role} ${did}`);
  if (check.document.revoked) throw new CoreError('DOCUMENT_REVOKED', `${role} document ${did} is revoked`);
  return check.document;
}

export async function verifyIoticsAuthToken(
  token: string,
  options: VerifyIoticsAuthTokenOptions,
): Promise<VerifiedIoticsAuthToken> {
  if (typeof options?.audience !== 'string' || options.audience.length === 0)
    throw new CoreError('INVALID_PARAMS', 'audience must be a non-empty string');
  if (typeof options.resolve !== 'function') throw new CoreError('INVALID_PARAMS', 'resolve must be a function');
  const skew = options.clockSkewSeconds ?? 0;
  if (typeof skew !== 'number' || !Number.isFinite(skew) || skew < 0)
    throw new CoreError('INVALID_PARAMS', 'clockSkewSeconds must be a non-negative number');
  const now = options.now ?? Date.now() / 1000;
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new CoreError('INVALID_PARAMS', 'now must be unix seconds');

  const jwt = decodeIoticsJwt(token, MAX_AUTH_TOKEN_LENGTH);
  const claims = readAuthClaims(jwt.claims, options.audience, { audienceList: false });
  if (claims.exp <= claims.iat) throw new CoreError('TOKEN_LIFETIME', 'token expires before it was issued');
  const max = options.maxLifetimeSeconds;
  if (max !== undefined && claims.exp - claims.iat > max)
    throw new CoreError('TOKEN_LIFETIME', `token lifetime is longer than ${max} seconds`);
  if (now - skew >= claims.exp) throw new CoreError('TOKEN_EXPIRED', `token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (claims.iat > now + skew) throw new CoreError('TOKEN_NOT_YET_VALID', 'token is issued in the future');

  const issuerRef = parseDidUrl(claims.iss);
  const issuer = await resolveIotics(options.resolve, issuerRef.did, 'issuer');
  const key = [...issuer.publicKey, ...issuer.authentication].find((k) => k.id === issuerRef.fragment);
  if (!key) throw new CoreError('KEY_NOT_FOUND', `issuer key ${issuerRef.fragment} is not in ${issuerRef.did}`);
  if (key.revoked) throw new CoreError('KEY_REVOKED', `issuer key ${issuerRef.fragment} is revoked`);
  if (!verifyIoticsJwtSignature(jwt, base58Decode(key.publicKeyBase58)))
    throw new CoreError('TOKEN_SIGNATURE', 'token signature does not verify');

  const result = { format: 'iotics' as const, claims, issuer: { did: issuerRef.did, keyId: issuerRef.fragment, document: issuer } };
  if (claims.sub === issuerRef.did) return { ...result, subject: { did: claims.sub, document: issuer }, delegation: null };

  const subject = await resolveIotics(options.resolve, claims.sub, 'subject');
  let delegation: IoticsDelegation;
  try {
    delegation = findValidDelegation(subject, claims.iss, issuer);
  } catch (error) {
    // IOTICS also lets the subject's `controller` vouch: the issuer is allowed on the controller's document.
    if (!(error instanceof CoreError) || error.code !== 'DELEGATION_MISSING' || subject.controller === undefined) throw error;
    const controllerDid = parseDidUrl(subject.controller).did;
    const controller = controllerDid === issuer.id ? issuer : await resolveIotics(options.resolve, controllerDid, 'controller');
    if (controller.id === issuerRef.did) {
      if (!issuer.publicKey.some((k) => k.id === issuerRef.fragment && !k.revoked) && !issuer.authentication.some((k) => k.id === issuerRef.fragment && !k.revoked))
        throw error;
      return { ...result, subject: { did: claims.sub, document: subject }, delegation: null, controller: controller.id };
    }
    const through = findValidDelegation(controller, claims.iss, issuer);
    return { ...result, subject: { did: claims.sub, document: subject }, delegation: through, controller: controller.id };
  }
  return { ...result, subject: { did: claims.sub, document: subject }, delegation };
}

/** A valid delegation in `subject` whose controller is `iss` (a control delegation also grants authentication). */
function findValidDelegation(subject: IoticsDocument, iss: string, issuer: IoticsDocument): IoticsDelegation {
  const candidates = [...subject.delegateAuthentication, ...subject.delegateControl].filter((d) => d.controller === iss);
  if (candidates.length === 0) throw new CoreError('DELEGATION_MISSING', `${subject.id} has no delegation to ${iss}`);
  const active = candidates.filter((d) => !d.revoked);
  if (active.length === 0)
    throw new CoreError('DELEGATION_REVOKED', `delegation ${candidates[0]!.id} from ${subject.id} to ${iss} is revoked`);
  let firstReason = '';
  for (const delegation of active) {
    const check = validateIoticsDelegation(delegation, subject.id, issuer);
    if (check.valid) return delegation;
    firstReason ||= check.reason;
  }
  throw new CoreError('DELEGATION_INVALID', firstReason);
}
