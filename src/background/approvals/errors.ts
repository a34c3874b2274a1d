import { ErrorCode, SigilError } from '../../shared/errors';

/** At most this many requests of one origin wait for the person at once. */
export const PENDING_LIMIT_PER_ORIGIN = 10;

export const tooManyPending = (): SigilError =>
  new SigilError(
    ErrorCode.unauthorized,
    `This site already has ${PENDING_LIMIT_PER_ORIGIN} requests waiting for the person. Wait until they are answered.`,
  );

/**
 * At most this many requests wait for the person at once, all sites together (queued or waiting for
 * the unlock): many origins (say, subdomains of one site) cannot bury the person in requests.
 */
export const PENDING_LIMIT_TOTAL = 20;

export const tooManyPendingTotal = (): SigilError =>
  new SigilError(
    ErrorCode.unauthorized,
    `Sigil already has ${PENDING_LIMIT_TOTAL} requests waiting for the person. Try again once they are answered.`,
  );

export const coolingDown = (seconds: number): SigilError =>
  new SigilError(
    ErrorCode.userRejected,
    `The person just turned down a request of this site. Sigil does not show its requests again for ${seconds} seconds.`,
  );

export const connectAlreadyPending = (): SigilError =>
  new SigilError(
    ErrorCode.unauthorized,
    'This site already asked to connect and that request is waiting for the person. Wait for its answer.',
  );

export const userRejected = (message: string): SigilError => new SigilError(ErrorCode.userRejected, message);

export const REJECTED_CONNECTION =
  'The person rejected the connection. Sigil refuses this site until they allow it again in Sigil.';
export const REJECTED_REQUEST = 'The person rejected the request.';
export const BLOCKED_SITE = 'The person blocked this site. Sigil refuses it until they allow it again in Sigil.';
export const CANCELLED_REQUEST = 'The person cancelled the request.';
export const WINDOW_CLOSED = 'The approval window was closed; the request was not approved.';
export const PAGE_GONE = 'The page that made the request went away.';
export const SITE_DISCONNECTED = 'The site was disconnected from Sigil.';
export const UNLOCK_WINDOW_CLOSED = 'Sigil was closed without being unlocked.';

export const noLongerWaiting = (): SigilError =>
  new SigilError(ErrorCode.invalidParams, 'This request is no longer waiting for a decision.');
