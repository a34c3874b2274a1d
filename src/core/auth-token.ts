/**
 * Agent auth tokens (DESIGN §2.7): JWT {iss: agentDid#key, sub: userDid, aud, iat: now−30 s, exp: now+duration},
 * signed by the agent's signing key, and their verifier.
 */
import { base58Decode } from './base58';
import { checkDelegationWithState } from './delegation';
import { parseDid, parseDidUrl } from './did';
import type { Delegation, DidDocument } from './document-types';
import { CoreError } from './errors';
import { decodeJwt, decodeJwtWith, signJwt, verifyJwtSignature } from './jwt';
import { readAuthClaims } from './token-claims';
import type { IdentityState } from './replay';
import { verifyIoticsAuthToken, type VerifiedIoticsAuthToken } from './iotics/verify-auth-token';
import type { DocumentResolver } from './resolver';
import { documentFormat } from './registration';
import { parseKeyId } from './types';
import { validateDocument } from './validate-document';

export const AUTH_TOKEN_MIN_SECONDS = 1;
export const AUTH_TOKEN_MAX_SECONDS = 24 * 60 * 60;
export const AUTH_TOKEN_BACKDATE_SECONDS = 30;
const MAX_AUTH_TOKEN_LENGTH = 8192;

export interface AuthTokenClaims {
  iss: string;
  /** The user the token acts for. */
  sub: string;
  /** After verification: the audience that matched (a token may carry a list). */
  aud: string;
  iat: number;
  exp: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Signs an auth token. `issuer` is `<agentDid>#<signing key id>`; `now` (unix seconds) defaults to
 * the clock. The caller picks the key; a verifier accepts any non-revoked key of the agent.
 */
export async function createAuthToken(params: {
  issuer: string;
  subject: string;
  audience: string;
  durationSeconds: number;
  secretKey: Uint8Array;
  now?: number;
}): Promise<{ token: string; claims: AuthTokenClaims; expiresAt: number }> {
  const { issuer, subject, audience, durationSeconds, secretKey } = params;
  try {
    parseKeyId(parseDidUrl(issuer).fragment);
  } catch {
    throw new CoreError('INVALID_PARAMS', 'issuer must be <did>#<kind>-<priority>-<generation>');
  }
  parseDid(subject);
  if (typeof audience !== 'string' || audience.length === 0)
    throw new CoreError('INVALID_PARAMS', 'audience must be a non-empty string');
  if (
    typeof durationSeconds !== 'number' ||
    !Number.isSafeInteger(durationSeconds) ||
    durationSeconds < AUTH_TOKEN_MIN_SECONDS ||
    durationSeconds > AUTH_TOKEN_MAX_SECONDS
  )
    throw new CoreError('INVALID_PARAMS', `durationSeconds must be an integer from 1 to ${AUTH_TOKEN_MAX_SECONDS}`);
  const now = params.now ?? nowSeconds();
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0)
    throw new CoreError('INVALID_PARAMS', 'now must be unix seconds');
  const at = Math.floor(now);
  const claims: AuthTokenClaims = {
    iss: issuer,
    sub: subject,
    aud: audience,
    iat: at - AUTH_TOKEN_BACKDATE_SECONDS,
    exp: at + durationSeconds,
  };
  const token = await signJwt({ ...claims }, secretKey);
  return { token, claims, expiresAt: claims.exp };
}

export interface VerifyAuthTokenOptions {
  /** The audience this verifier is: the token's `aud` must equal it (or contain it, for an array). */
  audience: string;
  resolve: DocumentResolver;
  /** Unix seconds; defaults to the clock. */
  now?: number;
  /** Tolerance for `exp` and `iat`, seconds (default 0). */
  clockSkewSeconds?: number;
  /**
   * Longest accepted lifetime (exp − iat), seconds. `sigil` tokens: at most 24 h + 30 s always;
   * `iotics` tokens: no limit unless set (the IOTICS libraries set none).
   */
  maxLifetimeSeconds?: number;
}

/** A verified token of either format; `format` says which (EdDSA → sigil, ES256 → iotics). */
export type VerifiedAuthToken = VerifiedSigilAuthToken | VerifiedIoticsAuthToken;

export interface VerifiedSigilAuthToken {
  format: 'sigil';
  claims: AuthTokenClaims;
  issuer: { did: string; keyId: string; document: DidDocument };
  subject: { did: string; document: DidDocument };
  /** The delegation that lets the issuer act for the subject; null when they are the same identity. */
  delegation: Delegation | null;
}


async function resolveValid(
  resolve: DocumentResolver,
  did: string,
  role: 'issuer' | 'subject',
): Promise<{ document: DidDocument; state: IdentityState }> {
  let found: unknown;
  try {
    found = await resolve(did);
  } catch (error) {
    if (error instanceof CoreError)
      throw error.code === 'RESOLVER_ERROR' ? error : new CoreError(error.code, `${role} document ${did}: ${error.message}`);
    throw new CoreError('RESOLVER_ERROR', `resolving the ${role} document of ${did} failed`);
  }
  if (found === null || found === undefined)
    throw new CoreError('DOCUMENT_NOT_FOUND', `${role} document ${did} was not found`);
  if (typeof found === 'object' && documentFormat(found) !== 'sigil')
    throw new CoreError('INVALID_DOCUMENT', `${role} document ${did} is in the iotics format; the token is a sigil one`);
  const check = await validateDocument(found);
  if (!check.valid) throw new CoreError('INVALID_DOCUMENT', `${role} document ${did} is invalid: ${check.reason}`);
  if (check.document.id !== did)
    throw new CoreError('INVALID_DOCUMENT', `resolver returned ${check.document.id} for ${role} ${did}`);
  if (check.document.revoked) throw new CoreError('DOCUMENT_REVOKED', `${role} document ${did} is revoked`);
  return check;
}

/**
 * Verifies an auth token of either format: ES256 (IOTICS) tokens by iotics/verify-auth-token.ts, EdDSA
 * (Sigil) tokens here. The result's `format` says which.
 */
export async function verifyAuthToken(token: string, options: VerifyAuthTokenOptions): Promise<VerifiedAuthToken> {
  const { alg } = decodeJwtWith(token, ['EdDSA', 'ES256'], MAX_AUTH_TOKEN_LENGTH).header;
  if (alg === 'ES256') return verifyIoticsAuthToken(token, options);
  return verifySigilAuthToken(token, options);
}

/**
 * Verifies a Sigil agent auth token: signature by a non-revoked key of the issuer's valid document,
 * `exp`/`iat` against the clock, `aud`; then, unless the subject is the issuer itself, a valid,
 * non-revoked delegation in the subject's document whose controller is `iss` (authentication or
 * control). Throws a CoreError whose code says which check failed.
 */
export async function verifySigilAuthToken(token: string, options: VerifyAuthTokenOptions): Promise<VerifiedSigilAuthToken> {
  if (typeof options?.audience !== 'string' || options.audience.length === 0)
    throw new CoreError('INVALID_PARAMS', 'audience must be a non-empty string');
  if (typeof options.resolve !== 'function') throw new CoreError('INVALID_PARAMS', 'resolve must be a function');
  const skew = options.clockSkewSeconds ?? 0;
  if (typeof skew !== 'number' || !Number.isFinite(skew) || skew < 0)
    throw new CoreError('INVALID_PARAMS', 'clockSkewSeconds must be a non-negative number');
  const now = options.now ?? nowSeconds();
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new CoreError('INVALID_PARAMS', 'now must be unix seconds');

  const jwt = decodeJwt(token, MAX_AUTH_TOKEN_LENGTH);
  const claims = readAuthClaims(jwt.claims, options.audience, { audienceList: true });
  if (claims.exp <= claims.iat) throw new CoreError('TOKEN_LIFETIME', 'token expires before it was issued');
  if (claims.exp - claims.iat > AUTH_TOKEN_MAX_SECONDS + AUTH_TOKEN_BACKDATE_SECONDS)
    throw new CoreError('TOKEN_LIFETIME', 'token lifetime is longer than 24 hours');
  if (options.maxLifetimeSeconds !== undefined && claims.exp - claims.iat > options.maxLifetimeSeconds)
    throw new CoreError('TOKEN_LIFETIME', `token lifetime is longer than ${options.maxLifetimeSeconds} seconds`);
  if (now - skew >= claims.exp)
    throw new CoreError('TOKEN_EXPIRED', `token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (claims.iat > now + skew) throw new CoreError('TOKEN_NOT_YET_VALID', 'token is issued in the future');

  const issuerRef = parseDidUrl(claims.iss);
  const issuer = await resolveValid(options.resolve, issuerRef.did, 'issuer');
  const key = issuer.document.publicKey.find((k) => k.id === issuerRef.fragment);
  if (!key) throw new CoreError('KEY_NOT_FOUND', `issuer key ${issuerRef.fragment} is not in ${issuerRef.did}`);
  if (key.revoked) throw new CoreError('KEY_REVOKED', `issuer key ${issuerRef.fragment} is revoked`);
  if (!(await verifyJwtSignature(jwt, base58Decode(key.publicKeyBase58))))
    throw new CoreError('TOKEN_SIGNATURE', 'token signature does not verify');

  const result = {
    format: 'sigil' as const,
    claims,
    issuer: { did: issuerRef.did, keyId: issuerRef.fragment, document: issuer.document },
  };
  if (claims.sub === issuerRef.did)
    return { ...result, subject: { did: claims.sub, document: issuer.document }, delegation: null };

  const subject = await resolveValid(options.resolve, claims.sub, 'subject');
  const candidates = [...subject.document.delegateAuthentication, ...subject.document.delegateControl].filter(
    (d) => d.controller === claims.iss,
  );
  if (candidates.length === 0)
    throw new CoreError('DELEGATION_MISSING', `${claims.sub} has no delegation to ${claims.iss}`);
  const active = candidates.filter((d) => !d.revoked);
  if (active.length === 0)
    throw new CoreError('DELEGATION_REVOKED', `delegation ${candidates[0]!.id} from ${claims.sub} to ${claims.iss} is revoked`);
  let firstReason = '';
  for (const delegation of active) {
    const check = await checkDelegationWithState(delegation, claims.sub, issuer);
    if (check.valid) return { ...result, subject: { did: claims.sub, document: subject.document }, delegation };
    firstReason ||= check.reason;
  }
  throw new CoreError('DELEGATION_INVALID', firstReason);
}
