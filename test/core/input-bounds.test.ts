/**
 * Decoders refuse over-long text before decoding it (issue 12: base58 decoding is quadratic, and a
 * 100 000-character key held the wallet's worker for 28 s). An idpub/idsec is 55 characters, a DID 47.
 */
import bs58 from 'bs58';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  base58Decode,
  checkDid,
  createIdentityChain,
  decodeFactomKey,
  decodeIdpub,
  decodeIdsec,
  factomKey,
  inspectFactomKey,
  isIdpub,
  isValidDid,
  parseDid,
  parseDidUrl,
  replayIdentityChain,
} from '../../src/core/index';
import { caught, entities } from './fixtures';

vi.mock('bs58', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof bs58 }).default;
  return { default: { ...real, decode: vi.fn(real.decode), decodeUnsafe: vi.fn(real.decodeUnsafe) } };
});
const longestDecoded = (): number =>
  Math.max(0, ...[...vi.mocked(bs58.decodeUnsafe).mock.calls, ...vi.mocked(bs58.decode).mock.calls].map(([text]) => text.length));

beforeEach(() => {
  vi.mocked(bs58.decodeUnsafe).mockClear();
  vi.mocked(bs58.decode).mockClear();
});

describe.each([100_000, 1_000_000])('inputs of %i characters', (length) => {
  const key = `idpub${'2'.repeat(length)}`;
  const did = `did:iotics:iot${'2'.repeat(length)}`;

  it('Factom keys are refused by their length, never decoded', async () => {
    for (const decode of [decodeFactomKey, decodeIdpub, decodeIdsec]) {
      expect(await caught(() => decode(key))).toMatchObject({ code: 'INVALID_KEY', message: expect.stringContaining('exactly 55') });
    }
    expect(isIdpub(key)).toBe(false);
    await expect(inspectFactomKey(key)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    expect((await caught(() => createIdentityChain({ names: ['a'], keys: [key] }))).message).toMatch(/^".{64}" key is invalid\.$/);
    const state = await replayIdentityChain((await entities()).agentDoc.identityChain);
    vi.mocked(bs58.decodeUnsafe).mockClear();
    expect((await caught(() => factomKey(state, { key }))).message).toBe('key is invalid.');
    expect(longestDecoded()).toBe(0);
  });

  it('DIDs and DID references are refused by their length, never decoded', async () => {
    expect((await caught(() => parseDid(did))).code).toBe('INVALID_DID');
    expect(isValidDid(did)).toBe(false);
    expect(checkDid(did).valid).toBe(false);
    expect((await caught(() => parseDidUrl(`${did}#agent-0-0`))).code).toBe('INVALID_DID');
    expect(longestDecoded()).toBe(0);
  });

  it('base58 text is refused by its length, never decoded', async () => {
    expect((await caught(() => base58Decode('2'.repeat(length)))).code).toBe('INVALID_ENCODING');
    expect(longestDecoded()).toBe(0);
  });
});
