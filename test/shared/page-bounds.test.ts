/**
 * Issue 12 item 1: one request with a huge string param froze the wallet (base58 decoding is
 * quadratic). Every string param of every page method is bounded by its schema, and the bound is
 * checked before any decoding: the base58 decoder is never reached for an over-long value.
 */
import bs58 from 'bs58';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pageParamSchemas, type PageMethod } from '../../src/shared/page-api';
import { DID_A, DID_B, IDPUB_A, IDPUB_B, invalidParamsMessage } from './support';

// The real decoder, counted: every base58 decode in the core goes through bs58.decodeUnsafe.
vi.mock('bs58', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof bs58 }).default;
  return { default: { ...real, decode: vi.fn(real.decode), decodeUnsafe: vi.fn(real.decodeUnsafe) } };
});
const decoded = (): string[] => [...vi.mocked(bs58.decodeUnsafe).mock.calls, ...vi.mocked(bs58.decode).mock.calls].map(([text]) => text);

const parse = (method: PageMethod, params: unknown): unknown => pageParamSchemas[method].parse(params, 'params');

/** Every page method with every string param it takes (arrays of strings: their first item). */
const FULL: Partial<Record<PageMethod, Record<string, unknown>>> = {
  sigil_connect: { kinds: ['user'] },
  sigil_authToken: { user: DID_A, agent: DID_B, audience: 'https://app.example', durationSeconds: 60 },
  sigil_delegationProof: { agent: DID_A, delegator: DID_B, proofType: 'did' },
  sigil_createIdentity: { kind: 'twin', label: 'Thermostat', names: ['kitchen'], delegateTo: DID_A },
  sigil_identity: { did: DID_A },
  sigil_identityKeys: { did: DID_A, limit: 15, offset: 0 },
  sigil_identityKey: { did: DID_A, key: IDPUB_A },
  sigil_replaceKey: { did: DID_A, oldPublicKey: IDPUB_A, newPublicKey: IDPUB_B },
  sigil_document: { did: DID_B },
};

const stringParams = Object.entries(FULL).flatMap(([method, params]) =>
  Object.entries(params!)
    .filter(([, value]) => typeof value === 'string' || (Array.isArray(value) && typeof value[0] === 'string'))
    .map(([param, value]) => [method as PageMethod, param, Array.isArray(value)] as const),
);

beforeEach(() => {
  vi.mocked(bs58.decodeUnsafe).mockClear();
  vi.mocked(bs58.decode).mockClear();
});

describe('string params of page methods', () => {
  it('covers every method that takes a string param', () => {
    const methods = new Set(stringParams.map(([method]) => method));
    expect([...methods].sort()).toEqual(Object.keys(FULL).sort());
    expect(stringParams.length).toBeGreaterThanOrEqual(17);
  });

  it('accept the full valid params, decoding the DIDs and keys (the counter sees the decoder)', () => {
    for (const [method, params] of Object.entries(FULL)) expect(parse(method as PageMethod, params)).toEqual(params);
    expect(decoded().length).toBeGreaterThan(10);
  });

  describe.each([100_000, 1_000_000])('of %i characters', (length) => {
    it.each(stringParams)('%s refuses %s with -32602 before decoding anything', (method, param, isList) => {
      // Characters each param's pattern would otherwise accept, so only the length refuses them.
      const huge = (param === 'key' || param.endsWith('PublicKey') ? 'idpub' : param === 'kind' || param === 'kinds' ? 'user' : 'did:iotics:iot') + '2'.repeat(length);
      const params = { ...FULL[method], [param]: isList ? [huge] : huge };
      const message = invalidParamsMessage(() => parse(method, params));
      expect(message).toContain(param);
      expect(message.length).toBeLessThan(200);
      // The other (valid) DIDs and keys may be decoded; the over-long value never is.
      expect(decoded().filter((text) => text.length > 64)).toEqual([]);
    });
  });
});

describe('page-chosen labels and names', () => {
  const unsafe = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029'];

  it.each(unsafe.map((c) => [c.codePointAt(0)!.toString(16).padStart(4, '0'), c]))('refuse U+%s with a clear message', (_, character) => {
    const label = `Pay ${character}lapyap`;
    expect(invalidParamsMessage(() => parse('sigil_createIdentity', { kind: 'user', label }))).toBe(
      'params.label must not contain line breaks, control characters or bidirectional override characters.',
    );
    expect(invalidParamsMessage(() => parse('sigil_createIdentity', { kind: 'user', names: ['ok', `name${character}`] }))).toBe(
      'params.names[1] must not contain line breaks, control characters or bidirectional override characters.',
    );
  });

  it('accept ordinary text in any script, emoji and marks', () => {
    for (const label of ['Thermostat 2', 'Küche – Nord', 'غرفة المعيشة', '台所', '🦊 fox', 'e\u0301te\u0301']) {
      expect(parse('sigil_createIdentity', { kind: 'user', label, names: [label] })).toEqual({ kind: 'user', label, names: [label] });
    }
  });
});
