/** The claims every auth token carries (DESIGN §2.7, §2.8), read and checked against the expected audience. */
import { CoreError } from './errors';
import { parseDid, parseDidUrl } from './did';

export interface CheckedAuthClaims {
  iss: string;
  sub: string;
  /** The audience that matched (a Sigil token may carry a list). */
  aud: string;
  iat: number;
  exp: number;
}

/**
 * `iss` must be `did#keyId`, `sub` a DID, `iat`/`exp` numbers, and `aud` name `audience`; a list of
 * audiences only where the format allows one (Sigil's; IOTICS tokens carry one string).
 */
export function readAuthClaims(
  claims: Record<string, unknown>,
  audience: string,
  options: { audienceList: boolean },
): CheckedAuthClaims {
  const { iss, sub, aud, iat, exp } = claims;
  if (typeof iss !== 'string') throw new CoreError('TOKEN_MALFORMED', 'token iss must be a string');
  try {
    parseDidUrl(iss);
  } catch {
    throw new CoreError('TOKEN_MALFORMED', 'token iss must be <did>#<key id>');
  }
  if (typeof sub !== 'string') throw new CoreError('TOKEN_MALFORMED', 'token sub must be a DID');
  try {
    parseDid(sub);
  } catch (error) {
    throw new CoreError('TOKEN_MALFORMED', `token sub: ${(error as Error).message}`);
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new CoreError('TOKEN_MALFORMED', 'token iat must be a number');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new CoreError('TOKEN_MALFORMED', 'token exp must be a number');
  const audiences = typeof aud === 'string' ? [aud] : options.audienceList && Array.isArray(aud) ? aud : undefined;
  if (!audiences || audiences.length === 0 || !audiences.every((a) => typeof a === 'string'))
    throw new CoreError('TOKEN_MALFORMED', 'token aud must be a string');
  if (!audiences.includes(audience))
    throw new CoreError('TOKEN_AUDIENCE', `token audience is ${audiences.join(', ')}, expected ${audience}`);
  return { iss, sub, aud: audience, iat, exp };
}
