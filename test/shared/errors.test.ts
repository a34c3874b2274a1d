import { describe, expect, it } from 'vitest';
import { ErrorCode, invalidParams, isErrorPayload, SigilError, toErrorPayload } from '../../src/shared/errors';

describe('toErrorPayload', () => {
  it("passes Sigil's own errors on with their code, message and data", () => {
    expect(toErrorPayload(new SigilError(ErrorCode.userRejected, 'The request was turned down.'))).toEqual({
      code: 4001,
      message: 'The request was turned down.',
    });
    expect(toErrorPayload(new SigilError(ErrorCode.unauthorized, 'Locked.', { retry: true }))).toEqual({
      code: 4100,
      message: 'Locked.',
      data: { retry: true },
    });
    expect(toErrorPayload(invalidParams('limit must be an integer.'))).toEqual({ code: -32602, message: 'limit must be an integer.' });
  });

  it('never passes on the message of any other error, which may carry secret material', () => {
    const secret = 'idsec1fKP8B6csh3yAHMiEu2x8NBBJvx7nkWhbJB6XvRobaKibvbMy2';
    for (const error of [new Error(`bad key ${secret}`), new TypeError(secret), secret, { code: 4001, message: secret }, undefined]) {
      const payload = toErrorPayload(error);
      expect(payload).toEqual({ code: ErrorCode.internal, message: 'Internal error in Sigil.' });
      expect(JSON.stringify(payload)).not.toContain(secret);
    }
  });

  it('gives a payload that isErrorPayload accepts', () => {
    expect(isErrorPayload(toErrorPayload(new Error('x')))).toBe(true);
    expect(isErrorPayload(toErrorPayload(invalidParams('x')))).toBe(true);
  });
});

describe('isErrorPayload', () => {
  it('needs a numeric code and a text message', () => {
    expect(isErrorPayload({ code: 4001, message: 'no' })).toBe(true);
    expect(isErrorPayload({ code: '4001', message: 'no' })).toBe(false);
    expect(isErrorPayload({ code: 4001 })).toBe(false);
    expect(isErrorPayload({ message: 'no' })).toBe(false);
    expect(isErrorPayload(null)).toBe(false);
    expect(isErrorPayload('error')).toBe(false);
  });
});
