import type { ApprovalDetails } from '../../shared/ui-api';

type Method = ApprovalDetails['method'];

/** What the site asks, in words, after its origin. */
export const ASKS: Record<Method, string> = {
  sigil_connect: 'wants to connect to Sigil',
  sigil_authToken: 'asks for a sign-in token',
  sigil_delegationProof: 'asks for a delegation proof',
  sigil_createIdentity: 'asks to create a new identity',
  sigil_replaceKey: 'asks to replace a key',
};

/** Short names for the queue list. */
export const SHORT: Record<Method, string> = {
  sigil_connect: 'Connect',
  sigil_authToken: 'Token',
  sigil_delegationProof: 'Delegation proof',
  sigil_createIdentity: 'New identity',
  sigil_replaceKey: 'Key replacement',
};

/** The approve button says what approving does. */
export const APPROVE_LABEL: Record<Method, string> = {
  sigil_connect: 'Connect',
  sigil_authToken: 'Sign token',
  sigil_delegationProof: 'Sign proof',
  sigil_createIdentity: 'Create identity',
  sigil_replaceKey: 'Replace key',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http to a host other than this computer can be read and altered on the way. */
export function isInsecureOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname);
  } catch {
    return true;
  }
}

/** A token's lifetime in words: "10 minutes", "1 hour", "45 seconds". */
export function durationWords(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** A standing grant's length in words. */
export function grantWords(minutes: number): string {
  return minutes % 60 === 0 ? durationWords(minutes * 60) : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
