import { describe, expect, it } from 'vitest';
import { ErrorCode, SigilError } from '../../../src/shared/errors';
import { errorMessage, isLockedError } from '../../../src/ui/components/error-message';

describe('errorMessage', () => {
  it("shows a Sigil error's own words", () => {
    expect(errorMessage(new SigilError(ErrorCode.invalidParams, 'A key name is at most 64 characters.'))).toBe('A key name is at most 64 characters.');
  });

  it('shows the words of an error the background sent, rebuilt as the UI client rebuilds it', () => {
    const payload = { code: ErrorCode.unauthorized, message: 'The wallet is locked.' };
    expect(errorMessage(new SigilError(payload.code, payload.message))).toBe('The wallet is locked.');
  });

  it('never shows the words of any other error, which may come from a library', () => {
    const generic = 'Something went wrong inside Sigil. Try again.';
    for (const error of [new Error('secret idsec1fKP8B6…'), new TypeError('x is undefined'), 'text', { message: 'looks like an error' }, null, undefined])
      expect(errorMessage(error)).toBe(generic);
  });
});

describe('isLockedError', () => {
  it('is true only for a Sigil error with the 4100 code', () => {
    expect(isLockedError(new SigilError(ErrorCode.unauthorized, 'Locked.'))).toBe(true);
    expect(isLockedError(new SigilError(ErrorCode.userRejected, 'No.'))).toBe(false);
    expect(isLockedError(new SigilError(ErrorCode.unavailable, 'Gone.'))).toBe(false);
    expect(isLockedError({ code: 4100, message: 'Locked.' })).toBe(false);
    expect(isLockedError(new Error('4100'))).toBe(false);
  });
});
