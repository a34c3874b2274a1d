/**
 * Whether an identity's key name is a default one (recovered from the phrase alone) or chosen by the
 * person: stored with the vault reference, optional so that secrets written before it still read.
 */
import { describe, expect, it } from 'vitest';
import { keyNameOriginOf, readSecrets, secretsToWire, type EntitySecretRef } from '../../src/background/vault/secrets';

const SEED = { id: 'seed-1', label: 'Seed 1', entropy: 'AAECAwQFBgcICQoLDA0ODw==', createdAt: 1, origin: 'created', method: 'bip39', password: '' };
const ref = (fields: Partial<EntitySecretRef> & { keyName: string }) => ({
  entityId: `did:iotics:${fields.keyName}`,
  seedId: 'seed-1',
  kind: 'user',
  format: 'sigil',
  ...fields,
});
const wire = (entities: unknown[]) => ({ version: 2, seeds: [SEED], importedKeys: [], entities, generatedKeys: [] });

describe('key name origin', () => {
  it('secrets written before the field read as before; their origin follows the name’s shape', () => {
    const secrets = readSecrets(wire([ref({ keyName: 'alice' }), ref({ keyName: 'user-3' }), ref({ keyName: 'agent-0', kind: 'agent' })]));
    expect(secrets.entities.map((e) => e.keyNameOrigin)).toEqual([undefined, undefined, undefined]);
    expect(secrets.entities.map(keyNameOriginOf)).toEqual(['custom', 'default', 'default']);
  });

  it('a stored origin wins over the shape, and survives a write and a read', () => {
    const secrets = readSecrets(wire([ref({ keyName: 'user-0', keyNameOrigin: 'custom' }), ref({ keyName: 'bob', keyNameOrigin: 'default' })]));
    expect(secrets.entities.map(keyNameOriginOf)).toEqual(['custom', 'default']);
    expect(readSecrets(secretsToWire(secrets))).toEqual(secrets);
  });

  it('refuses an origin that is neither default nor custom', () => {
    expect(() => readSecrets(wire([ref({ keyName: 'user-0', keyNameOrigin: 'guessed' as never })]))).toThrow('entities[0].keyNameOrigin');
  });
});
