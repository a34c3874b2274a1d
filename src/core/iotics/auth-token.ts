/**
 * IOTICS auth tokens (DESIGN §2.8): {iss: agentDid#keyId, aud, sub, iat: now−30 s, exp: now+duration},
 * ES256 label, secp256k1. Created here; verified by iotics/verify-auth-token.ts.
 */
import { parseDid, parseDidUrl } from '../did';
import { CoreError } from '../errors';
import { IOTICS_NAME_PATTERN } from './document-types';
import { signIoticsJwt } from './jwt';

export const IOTICS_TOKEN_MIN_SECONDS = 1;
export const IOTICS_TOKEN_MAX_SECONDS = 24 * 60 * 60;
export const IOTICS_TOKEN_BACKDATE_SECONDS = 30;

export interface IoticsAuthTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
}

/**
 * Signs an auth token as the library does (claims in its order). `issuer` is `<did>#<keyId>` of the
 * signing key; `subject` the user (or the issuer's own DID for a twin's token). Sigil issues 1 s … 24 h.
 */
export function createIoticsAuthToken(params: {
  issuer: string;
  subject: string;
  audience: string;
  durationSeconds: number;
  secretKey: Uint8Array;
  /** Unix seconds; the clock by default. */
  now?: number;
}): { token: string; claims: IoticsAuthTokenClaims; expiresAt: number } {
  const { issuer, subject, audience, durationSeconds } = params;
  if (!IOTICS_NAME_PATTERN.test(parseDidUrl(issuer).fragment))
    throw new CoreError('INVALID_PARAMS', 'issuer key id must be # followed by 1 to 24 of a-z A-Z 0-9 - _');
  parseDid(subject);
  if (typeof audience !== 'string' || audience.length === 0)
    throw new CoreError('INVALID_PARAMS', 'audience must be a non-empty string');
  if (
    !Number.isSafeInteger(durationSeconds) ||
    durationSeconds < IOTICS_TOKEN_MIN_SECONDS ||
    durationSeconds > IOTICS_TOKEN_MAX_SECONDS
  )
    throw new CoreError('INVALID_PARAMS', `durationSeconds must be an integer from 1 to ${IOTICS_TOKEN_MAX_SECONDS}`);
  const now = params.now ?? Date.now() / 1000;
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0) throw new CoreError('INVALID_PARAMS', 'now must be unix seconds');
  const at = Math.floor(now);
  const claims: IoticsAuthTokenClaims = {
    iss: issuer,
    aud: audience,
    sub: subject,
    iat: at - IOTICS_TOKEN_BACKDATE_SECONDS,
    exp: at + durationSeconds,
  };
  return { token: signIoticsJwt({ ...claims }, params.secretKey), claims, expiresAt: claims.exp };
}

/** A twin's (or any identity's) token for itself: `sub` is the issuer's own DID. */
export const createIoticsTwinToken = (params: {
  issuer: string;
  audience: string;
  durationSeconds: number;
  secretKey: Uint8Array;
  now?: number;
}) => createIoticsAuthToken({ ...params, subject: parseDidUrl(params.issuer).did });

