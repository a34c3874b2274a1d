/** UI ⇄ background messages about registering documents with the resolver (DESIGN §5). */
import { none, type Schema } from '../schema';

/** What waits to be registered, and why. */
export interface RegistrationStatus {
  /** The configured resolver, '' when none. */
  resolverUrl: string;
  /** Whether Sigil holds the browser's host access to the resolver's origin ('none': no resolver). */
  access: 'granted' | 'missing' | 'none';
  /** Identities whose current document the resolver has not accepted. */
  waiting: number;
  /** Of those, the ones that need the wallet unlocked to be signed for this resolver. */
  waitingForUnlock: number;
  /** Why the last attempt did not reach the resolver (not reachable, 5xx, 429), or null. */
  unavailable: string | null;
  /** When the next attempt runs (ms since epoch), or null. */
  nextTryAt: number | null;
  /** Documents the resolver refused, with its one-line error; not sent again until they change or "Retry now". */
  refused: { did: string; label: string; message: string }[];
}

export interface RegistrationMessages {
  ui_registrationStatus: { request: undefined; response: RegistrationStatus };
  /** Forgets the backoff and the refusals and sends what waits now. */
  ui_retryRegistration: { request: undefined; response: RegistrationStatus };
}

export const registrationSchemas: { [M in keyof RegistrationMessages]: Schema<RegistrationMessages[M]['request']> } = {
  ui_registrationStatus: none(),
  ui_retryRegistration: none(),
};

/**
 * The host permission Sigil asks for to reach a resolver: its scheme and host, any port (Firefox's
 * match patterns cannot name a port). Null when `resolverUrl` is not an http(s) URL.
 */
export function resolverHostPattern(resolverUrl: string): string | null {
  try {
    const url = new URL(resolverUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.protocol}//${url.hostname}/*` : null;
  } catch {
    return null;
  }
}
