/**
 * The UI ⇄ background schemas: every string is bounded before it is decoded, and labels people
 * read refuse characters that hide or reorder text, as the page API's do.
 */
import bs58 from 'bs58';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { uiRequestSchemas, type UiMessage } from '../../src/shared/ui-api';
import { DID_A, IDPUB_A, IDPUB_B, invalidParamsMessage } from './support';

vi.mock('bs58', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof bs58 }).default;
  return { default: { ...real, decode: vi.fn(real.decode), decodeUnsafe: vi.fn(real.decodeUnsafe) } };
});
const longestDecoded = (): number => Math.max(0, ...vi.mocked(bs58.decodeUnsafe).mock.calls.map(([text]) => text.length));

const parse = (message: UiMessage, payload: unknown): unknown => uiRequestSchemas[message].parse(payload, 'payload');
const entity = { label: 'Thermostat', keyName: 'thermostat-1', kind: 'twin' };

beforeEach(() => {
  vi.mocked(bs58.decodeUnsafe).mockClear();
});

describe('UI messages', () => {
  it('accept well-formed payloads, decoding their DIDs and keys', () => {
    expect(parse('ui_createEntity', entity)).toEqual(entity);
    expect(parse('ui_replaceKey', { did: DID_A, oldKey: IDPUB_A, newPublicKey: IDPUB_B })).toEqual({ did: DID_A, oldKey: IDPUB_A, newPublicKey: IDPUB_B });
    expect(longestDecoded()).toBeGreaterThan(0);
  });

  it.each([100_000, 1_000_000])('refuse %i-character DIDs, keys and secrets before decoding them', (length) => {
    const tail = '2'.repeat(length);
    expect(invalidParamsMessage(() => parse('ui_entity', { did: `did:iotics:iot${tail}` }))).toBe('A did:iotics DID is required.');
    expect(invalidParamsMessage(() => parse('ui_replaceKey', { did: DID_A, oldKey: `idpub${tail}` }))).toBe('oldKey must be an idpub… key.');
    expect(invalidParamsMessage(() => parse('ui_importIdsec', { idsec: `idsec${tail}` }))).toBe('The key must be an idsec… string.');
    expect(invalidParamsMessage(() => parse('ui_createEntity', { ...entity, names: [tail] }))).toBe('payload.names[0] must be at most 1024 characters.');
    expect(longestDecoded()).toBeLessThanOrEqual(55);
  });

  it('refuse a DID whose checksum does not verify, with its own message', () => {
    const altered = DID_A.slice(0, -1) + (DID_A.endsWith('2') ? '3' : '2');
    expect(invalidParamsMessage(() => parse('ui_entity', { did: altered }))).toBe('The DID is not valid: its checksum does not verify.');
  });

  it('refuse labels and names with line breaks, control or bidirectional override characters', () => {
    const message = 'must not contain line breaks, control characters or bidirectional override characters.';
    expect(invalidParamsMessage(() => parse('ui_createEntity', { ...entity, label: 'Pay\u202Eevil' }))).toBe(`payload.label ${message}`);
    expect(invalidParamsMessage(() => parse('ui_createEntity', { ...entity, names: ['a\nb'] }))).toBe(`payload.names[0] ${message}`);
    expect(invalidParamsMessage(() => parse('ui_addSeed', { seed: { source: 'hex', hex: 'ab'.repeat(16) }, label: 'x\u2066y' }))).toBe(`payload.label ${message}`);
  });

  it('read each kind of seed source with that kind’s own messages', () => {
    expect(parse('ui_addSeed', { seed: { source: 'mnemonic', words: 'a b c' } })).toEqual({ seed: { source: 'mnemonic', words: 'a b c' } });
    expect(invalidParamsMessage(() => parse('ui_addSeed', { seed: { source: 'hex', hex: 'a'.repeat(201) } }))).toBe('payload.seed.hex must be at most 200 characters.');
    expect(invalidParamsMessage(() => parse('ui_addSeed', { seed: { source: 'draft', confirm: [] } }))).toBe('payload.seed.confirm must have at least 1 item.');
    expect(invalidParamsMessage(() => parse('ui_addSeed', { seed: { source: 'other' } }))).toBe('payload.seed.source must be one of hex.');
  });

  it('take auto-lock minutes from 1 to 1440, or never', () => {
    expect(parse('ui_setAutoLock', { minutes: 'never' })).toEqual({ minutes: 'never' });
    expect(parse('ui_setAutoLock', { minutes: 1440 })).toEqual({ minutes: 1440 });
    for (const minutes of [0, 1441, 'Never', 2.5]) {
      expect(invalidParamsMessage(() => parse('ui_setAutoLock', { minutes }))).toBe('Auto-lock must be from 1 to 1440 minutes, or never.');
    }
  });
});
