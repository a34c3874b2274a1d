import { describe, expect, it } from 'vitest';
import { deserializeSecrets, serializeSecrets, type VaultSecrets } from '../../src/background/vault/secrets';
import { fromBase64, toBase64 } from '../../src/background/vault/encoding';
import { errorOf } from './helpers';

const secrets: VaultSecrets = {
  seeds: [
    { id: 's1', label: 'Main', entropy: new Uint8Array(32).fill(1), createdAt: 10, origin: 'created', method: 'bip39', password: '' },
    { id: 's2', label: 'Legacy', entropy: new Uint8Array(48).fill(4), createdAt: 13, origin: 'hex', method: 'none', password: 'seed pw' },
  ],
  importedKeys: [{ id: 'k1', label: 'Factom', secret: new Uint8Array(32).fill(2), createdAt: 11 }],
  entities: [
    { entityId: 'did:iotics:x', seedId: 's1', kind: 'agent', keyName: 'agent one', format: 'sigil' },
    { entityId: 'did:iotics:y', seedId: 's2', kind: 'user', keyName: 'alice/with/slashes', format: 'iotics' },
  ],
  generatedKeys: [{ id: 'g1', entityId: 'did:iotics:x', priority: 2, secret: new Uint8Array(32).fill(3), createdAt: 12 }],
};

const wire = () => JSON.parse(new TextDecoder().decode(serializeSecrets(secrets))) as Record<string, unknown[]>;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('secrets serialisation', () => {
  it('round-trips and is deterministic', () => {
    const bytes = serializeSecrets(secrets);
    expect(serializeSecrets(deserializeSecrets(bytes).secrets)).toEqual(bytes);
    expect(deserializeSecrets(bytes)).toEqual({ secrets, storedVersion: 2 });
    expect(new TextDecoder().decode(bytes).startsWith('{"version":2,"seeds":[{"id":"s1","label":"Main","entropy":"')).toBe(true);
  });

  it('validates every field on decrypt, naming the field but never its value', async () => {
    const cases: Array<(w: Record<string, any>) => void> = [
      (w) => (w.seeds[0].entropy = toBase64(new Uint8Array(18))),
      (w) => (w.seeds[0].entropy = toBase64(new Uint8Array(36))),
      (w) => (w.seeds[1].entropy = toBase64(new Uint8Array(15))),
      (w) => (w.seeds[1].entropy = toBase64(new Uint8Array(65))),
      (w) => (w.seeds[0].method = 'electrum'),
      (w) => delete w.seeds[0].method,
      (w) => (w.seeds[0].password = 7),
      (w) => (w.seeds[0].password = 'x'.repeat(257)),
      (w) => (w.entities[0].format = 'factom'),
      (w) => delete w.entities[0].format,
      (w) => (w.entities[1].keyName = ''),
      (w) => (w.seeds[0].origin = 'stolen'),
      (w) => (w.seeds[0].extra = true),
      (w) => (w.importedKeys[0].secret = 'not base64'),
      (w) => (w.entities[0].keyName = 'a/b'),
      (w) => (w.entities[0].seedId = 'missing'),
      (w) => (w.entities[0].kind = 'robot'),
      (w) => (w.generatedKeys[0].priority = 3),
      (w) => w.seeds.push({ ...w.seeds[0] }),
      (w) => (w.version = 0),
      (w) => (w.version = '2'),
      (w) => delete w.version,
      (w) => delete w.generatedKeys,
    ];
    for (const change of cases) {
      const w = wire();
      change(w);
      const error = await errorOf(() => deserializeSecrets(encode(w)));
      expect(error.code).toBe('INVALID_SECRETS');
      expect(error.message).not.toContain('agent one');
    }
    expect((await errorOf(() => deserializeSecrets(new Uint8Array([0xff])))).code).toBe('INVALID_SECRETS');
  });

  it('accepts BIP39 seeds of every BIP39 length and legacy seeds of 16 to 64 bytes', () => {
    for (const length of [16, 20, 24, 28, 32]) {
      const w = wire() as Record<string, any>;
      w.seeds[0].entropy = toBase64(new Uint8Array(length).fill(1));
      expect(deserializeSecrets(encode(w)).secrets.seeds[0]!.entropy).toHaveLength(length);
    }
    for (const length of [16, 17, 33, 64]) {
      const w = wire() as Record<string, any>;
      w.seeds[1].entropy = toBase64(new Uint8Array(length).fill(1));
      expect(deserializeSecrets(encode(w)).secrets.seeds[1]!.entropy).toHaveLength(length);
    }
  });

  it('tells a payload from a newer Sigil apart from a damaged one', async () => {
    const w = wire() as Record<string, any>;
    w.version = 3;
    w.somethingNew = true;
    expect(await errorOf(() => deserializeSecrets(encode(w)))).toMatchObject({
      code: 'VAULT_TOO_NEW',
      message: 'The wallet data was written by a newer version of Sigil. Update Sigil to open it.',
    });
  });
});

describe('secrets payload migrations', () => {
  /** A version-1 payload exactly as Sigil 0.1 wrote it (no method, password or format). */
  const v1 = {
    version: 1,
    seeds: [
      { id: 's1', label: 'Main', entropy: toBase64(new Uint8Array(32).fill(1)), createdAt: 10, origin: 'created' },
      { id: 's2', label: 'Twelve', entropy: toBase64(new Uint8Array(16).fill(5)), createdAt: 14, origin: 'mnemonic' },
    ],
    importedKeys: [{ id: 'k1', label: 'Factom', secret: toBase64(new Uint8Array(32).fill(2)), createdAt: 11 }],
    entities: [{ entityId: 'did:iotics:x', seedId: 's1', kind: 'agent', keyName: 'agent one' }],
    generatedKeys: [{ id: 'g1', entityId: 'did:iotics:x', priority: 2, secret: toBase64(new Uint8Array(32).fill(3)), createdAt: 12 }],
  };

  it('1 → 2: seeds become BIP39 without password, identities Sigil format; nothing else changes', () => {
    const { secrets: upgraded, storedVersion } = deserializeSecrets(encode(v1));
    expect(storedVersion).toBe(1);
    expect(upgraded.seeds.map((s) => [s.id, s.method, s.password, s.entropy.length, s.origin, s.label])).toEqual([
      ['s1', 'bip39', '', 32, 'created', 'Main'],
      ['s2', 'bip39', '', 16, 'mnemonic', 'Twelve'],
    ]);
    expect(upgraded.entities).toEqual([{ entityId: 'did:iotics:x', seedId: 's1', kind: 'agent', keyName: 'agent one', format: 'sigil' }]);
    expect(upgraded.importedKeys[0]!.secret).toEqual(new Uint8Array(32).fill(2));
    expect(upgraded.generatedKeys[0]).toMatchObject({ id: 'g1', priority: 2, secret: new Uint8Array(32).fill(3) });
    // Written back, it is a version-2 payload that reads the same.
    const rewritten = serializeSecrets(upgraded);
    expect(deserializeSecrets(rewritten)).toEqual({ secrets: upgraded, storedVersion: 2 });
  });

  it('a damaged version-1 payload is still refused after migration, as damage', async () => {
    const damaged = { ...v1, seeds: [{ ...v1.seeds[0], entropy: 'not base64' }] };
    expect((await errorOf(() => deserializeSecrets(encode(damaged)))).code).toBe('INVALID_SECRETS');
    const notAList = { ...v1, seeds: 'nope' };
    expect((await errorOf(() => deserializeSecrets(encode(notAList)))).code).toBe('INVALID_SECRETS');
    const v1WithV2Field = { ...v1, entities: [{ ...v1.entities[0], format: 'iotics', extra: 1 }] };
    expect((await errorOf(() => deserializeSecrets(encode(v1WithV2Field)))).code).toBe('INVALID_SECRETS');
  });
});

describe('strict base64', () => {
  it('accepts canonical base64 only', () => {
    expect(fromBase64('AAEC')).toEqual(new Uint8Array([0, 1, 2]));
    expect(fromBase64('AQ==')).toEqual(new Uint8Array([1]));
    expect(fromBase64('AR==')).toBeNull(); // non-zero unused bits
    expect(fromBase64('AQ')).toBeNull();
    expect(fromBase64('A Q==')).toBeNull();
    expect(fromBase64('AQ-_')).toBeNull();
    expect(fromBase64('')).toEqual(new Uint8Array());
  });
});
