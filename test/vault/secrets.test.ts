import { describe, expect, it } from 'vitest';
import { deserializeSecrets, serializeSecrets, type VaultSecrets } from '../../src/background/vault/secrets';
import { fromBase64, toBase64 } from '../../src/background/vault/encoding';
import { errorOf } from './helpers';

const secrets: VaultSecrets = {
  seeds: [{ id: 's1', label: 'Main', entropy: new Uint8Array(32).fill(1), createdAt: 10, origin: 'created' }],
  importedKeys: [{ id: 'k1', label: 'Factom', secret: new Uint8Array(32).fill(2), createdAt: 11 }],
  entities: [{ entityId: 'did:iotics:x', seedId: 's1', kind: 'agent', keyName: 'agent one' }],
  generatedKeys: [{ id: 'g1', entityId: 'did:iotics:x', priority: 2, secret: new Uint8Array(32).fill(3), createdAt: 12 }],
};

const wire = () => JSON.parse(new TextDecoder().decode(serializeSecrets(secrets))) as Record<string, unknown[]>;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('secrets serialisation', () => {
  it('round-trips and is deterministic', () => {
    const bytes = serializeSecrets(secrets);
    expect(serializeSecrets(deserializeSecrets(bytes))).toEqual(bytes);
    expect(deserializeSecrets(bytes)).toEqual(secrets);
    expect(new TextDecoder().decode(bytes).startsWith('{"version":1,"seeds":[{"id":"s1","label":"Main","entropy":"')).toBe(true);
  });

  it('validates every field on decrypt, naming the field but never its value', async () => {
    const cases: Array<(w: Record<string, any>) => void> = [
      (w) => (w.seeds[0].entropy = toBase64(new Uint8Array(20))),
      (w) => (w.seeds[0].origin = 'stolen'),
      (w) => (w.seeds[0].extra = true),
      (w) => (w.importedKeys[0].secret = 'not base64'),
      (w) => (w.entities[0].keyName = 'a/b'),
      (w) => (w.entities[0].seedId = 'missing'),
      (w) => (w.entities[0].kind = 'robot'),
      (w) => (w.generatedKeys[0].priority = 3),
      (w) => w.seeds.push({ ...w.seeds[0] }),
      (w) => (w.version = 2),
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
