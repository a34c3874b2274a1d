import { ErrorCode, SigilError } from '../../shared/errors';

/**
 * The words to show for a failed background call. A SigilError's message is written for people and
 * never carries secrets; anything else is not vetted, so it gets a generic sentence instead.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof SigilError) return error.message;
  return 'Something went wrong inside Sigil. Try again.';
}

/** True when the background refused because the wallet is locked (or the request is not allowed). */
export function isLockedError(error: unknown): boolean {
  return error instanceof SigilError && error.code === ErrorCode.unauthorized;
}
