import { ErrorCode, SigilError } from '../../shared/errors';

export const notConnected = (): SigilError =>
  new SigilError(ErrorCode.unauthorized, 'This site is not connected to Sigil. Call sigil_connect first.');

export const notShared = (): SigilError =>
  new SigilError(ErrorCode.unauthorized, 'This identity is not shared with this site.');
