/**
 * Vault, storage and core errors carry plain messages written to be safe to show (never secret
 * material); at a boundary they become SigilErrors with those messages and a code that says what
 * kind of problem it is. Anything else is rethrown untouched and reaches a page or the UI only as
 * a generic internal error.
 *
 * Codes: 4100 when the password or the session is what is wrong (wrong password, locked);
 * 4900 when the wallet cannot be used as it is (not set up, damaged data, storage unavailable);
 * -32603 for a write that lost a race (try again); -32602 for everything the user typed or chose.
 */
import { isCoreError } from '../core';
import { ErrorCode, SigilError } from '../shared/errors';
import { StorageError } from './storage';
import { isVaultError, type VaultErrorCode } from './vault';

const VAULT_ERROR_CODES: Partial<Record<VaultErrorCode, number>> = {
  WRONG_PASSWORD: ErrorCode.unauthorized,
  VAULT_KEY_REJECTED: ErrorCode.unauthorized,
  SESSION_INVALID: ErrorCode.unauthorized,
  NO_VAULT: ErrorCode.unavailable,
  VAULT_DAMAGED: ErrorCode.unavailable,
  VAULT_TOO_NEW: ErrorCode.unavailable,
  WRITE_NOT_VERIFIED: ErrorCode.unavailable,
  INVALID_SECRETS: ErrorCode.unavailable,
  CONCURRENT_WRITE: ErrorCode.internal,
  INVALID_KDF_PARAMS: ErrorCode.internal,
  KDF_UNAVAILABLE: ErrorCode.unavailable,
};

/**
 * A sentence: an ordinary first word capitalised (never an identifier such as newPublicKey), a full
 * stop. A message that already ends with its full stop is kept as written: those are the Factom
 * SDK's own words ("calculated bytes of names and keys is …", "key is invalid.").
 */
const sentence = (message: string): string => {
  if (/[.!?]$/u.test(message)) return message;
  const text = /^[a-z]+(\s|$)/.test(message) ? message.charAt(0).toUpperCase() + message.slice(1) : message;
  return /[.!?]$/u.test(text) ? text : `${text}.`;
};

export function toSigilError(error: unknown): unknown {
  if (error instanceof SigilError) return error;
  if (isVaultError(error)) return new SigilError(VAULT_ERROR_CODES[error.code] ?? ErrorCode.invalidParams, error.message);
  if (error instanceof StorageError) return new SigilError(ErrorCode.unavailable, error.message);
  if (isCoreError(error)) return new SigilError(ErrorCode.invalidParams, sentence(error.message));
  return error;
}

/** Runs `work`, turning vault, storage and core errors into SigilErrors. */
export async function withSafeErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toSigilError(error);
  }
}

/** The same for a handler: what it throws reaches the UI as a SigilError. */
export const withVaultErrors =
  <Args extends unknown[], Response>(handler: (...args: Args) => Promise<Response>) =>
  (...args: Args): Promise<Response> =>
    withSafeErrors(() => handler(...args));
