import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/shared/errors';
import { portRequestSchema } from '../../src/shared/port-request';
import { parsePortReply } from '../../src/shared/wire';
import { invalidParamsMessage } from './support';

describe('parsePortReply', () => {
  it('reads a reply with a result, keeping only the id and the result', () => {
    expect(parsePortReply({ id: 'r1', result: { token: 't' }, extra: 'dropped' })).toEqual({ id: 'r1', result: { token: 't' } });
  });

  it('keeps falsy results: false, 0, null and the empty string are answers too', () => {
    for (const result of [false, 0, null, ''])
      expect(parsePortReply({ id: 'r1', result })).toEqual({ id: 'r1', result });
  });

  it('reads a reply with an error payload', () => {
    const error = { code: ErrorCode.userRejected, message: 'The person said no.' };
    expect(parsePortReply({ id: 'r2', error })).toEqual({ id: 'r2', error });
    const withData = { code: ErrorCode.invalidParams, message: 'bad', data: { field: 'did' } };
    expect(parsePortReply({ id: 'r2', error: withData })).toEqual({ id: 'r2', error: withData });
  });

  it('prefers the error when a reply carries both an error and a result', () => {
    const error = { code: ErrorCode.internal, message: 'Internal error in Sigil.' };
    expect(parsePortReply({ id: 'r3', error, result: 1 })).toEqual({ id: 'r3', error });
  });

  it('ignores a reply without an id, or with an id that is not a string', () => {
    expect(parsePortReply({ result: 1 })).toBeNull();
    expect(parsePortReply({ id: 7, result: 1 })).toBeNull();
    expect(parsePortReply({ id: null, error: { code: 4001, message: 'no' } })).toBeNull();
  });

  it('ignores a reply with neither a result nor an error', () => {
    expect(parsePortReply({ id: 'r4' })).toBeNull();
  });

  it('ignores a reply whose error is not a {code, message} payload, rather than passing it on', () => {
    expect(parsePortReply({ id: 'r5', error: 'boom' })).toBeNull();
    expect(parsePortReply({ id: 'r5', error: { message: 'no code' } })).toBeNull();
    expect(parsePortReply({ id: 'r5', error: { code: '4001', message: 'code as text' } })).toBeNull();
    expect(parsePortReply({ id: 'r5', error: { code: 4001 } })).toBeNull();
    expect(parsePortReply({ id: 'r5', error: null })).toBeNull();
  });

  it('reads an event with its data, and an event wins over an id', () => {
    expect(parsePortReply({ event: 'lock' })).toEqual({ event: 'lock', data: undefined });
    expect(parsePortReply({ event: 'entitiesChanged', data: { dids: ['x'] } })).toEqual({ event: 'entitiesChanged', data: { dids: ['x'] } });
    expect(parsePortReply({ event: 'unlock', id: 'r6', result: 1 })).toEqual({ event: 'unlock', data: undefined });
  });

  it('does not take a non-string event for an event', () => {
    expect(parsePortReply({ event: 1 })).toBeNull();
    expect(parsePortReply({ event: 1, id: 'r7', result: 'ok' })).toEqual({ id: 'r7', result: 'ok' });
  });

  it.each([null, undefined, 'reply', 42, true])('ignores %j', (value) => {
    expect(parsePortReply(value)).toBeNull();
  });
});

describe('portRequestSchema', () => {
  it('keeps the id, the method and the params as they are', () => {
    const params = { user: 'did:iotics:x', nested: [1, { a: 2 }] };
    const parsed = portRequestSchema.parse({ id: 'abc', method: 'sigil_authToken', params });
    expect(parsed).toEqual({ id: 'abc', method: 'sigil_authToken', params });
    expect(parsed.params).toBe(params);
  });

  it('leaves params out when there are none', () => {
    expect(portRequestSchema.parse({ id: 'abc', method: 'sigil_ping' })).toEqual({ id: 'abc', method: 'sigil_ping' });
  });

  it('requires an id of 1 to 100 characters', () => {
    expect(invalidParamsMessage(() => portRequestSchema.parse({ method: 'sigil_ping' }))).toBe('id must be a string.');
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: 5, method: 'sigil_ping' }))).toBe('id must be a string.');
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: '', method: 'sigil_ping' }))).toBe('id must not be empty.');
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: 'i'.repeat(101), method: 'sigil_ping' }))).toBe('id must be at most 100 characters.');
    expect(portRequestSchema.parse({ id: 'i'.repeat(100), method: 'sigil_ping' }).id).toHaveLength(100);
  });

  it('requires a method name of 1 to 100 characters', () => {
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: 'a' }))).toBe('method must be a string.');
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: 'a', method: '' }))).toBe('method must not be empty.');
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: 'a', method: 'm'.repeat(101) }))).toBe('method must be at most 100 characters.');
  });

  it('refuses anything else on the message, such as an origin a page tries to claim', () => {
    expect(invalidParamsMessage(() => portRequestSchema.parse({ id: 'a', method: 'sigil_ping', origin: 'https://bank.example' }))).toBe(
      'origin is not a known parameter.',
    );
  });

  it('refuses a message that is not an object', () => {
    expect(invalidParamsMessage(() => portRequestSchema.parse('sigil_ping'))).toBe('value must be an object.');
    expect(invalidParamsMessage(() => portRequestSchema.parse(null))).toBe('value must be an object.');
  });
});
