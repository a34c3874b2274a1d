import { mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { hexToSeedEntropy, mnemonicToSeedEntropy, SeedManager } from '../../src/background/vault';
import { createdVault, errorOf, PASSWORD, rawSlots } from './helpers';

const VECTOR_ENTROPY_HEX = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const VECTOR_MNEMONIC =
  'abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware';
const TWELVE_WORDS = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

/** The UI's two ways of importing a seed: parse the words or the hex, then add the seed bytes. */
async function setup() {
  const context = await createdVault();
  const manager = new SeedManager(context.vault, () => 1_700_000_000_000);
  const seeds = Object.assign(manager, {
    importMnemonic: async (vaultKey: Uint8Array, words: string, label?: string) =>
      manager.add(vaultKey, mnemonicToSeedEntropy(words), 'mnemonic', label),
    importHexSeed: async (vaultKey: Uint8Array, hex: string, label?: string) =>
      manager.add(vaultKey, hexToSeedEntropy(hex), 'hex', label),
  });
  return { ...context, seeds };
}

describe('seeds', () => {
  it('creates a 32-byte seed and returns its 24-word mnemonic once', async () => {
    const { seeds, vaultKey, vault } = await setup();
    const created = await seeds.create(vaultKey, 'My seed');
    expect(created.mnemonic.split(' ')).toHaveLength(24);
    expect(created.seed).toMatchObject({ label: 'My seed', origin: 'created', wordCount: 24, createdAt: 1_700_000_000_000 });
    const stored = (await vault.read(vaultKey)).seeds[0]!;
    expect(stored.entropy).toEqual(mnemonicToEntropy(created.mnemonic, wordlist));
    expect(stored.entropy).toHaveLength(32);
  });

  it('lists ids, labels and dates only', async () => {
    const { seeds, vaultKey } = await setup();
    await seeds.create(vaultKey, 'One');
    await seeds.importIdsecKey(vaultKey, new Uint8Array(32).fill(9), 'Factom key');
    const overview = await seeds.list(vaultKey);
    expect(overview.seeds.map((s) => Object.keys(s).sort())).toEqual([['createdAt', 'id', 'label', 'method', 'origin', 'wordCount']]);
    expect(overview.importedKeys.map((k) => Object.keys(k).sort())).toEqual([['createdAt', 'id', 'idpub', 'label']]);
    expect(JSON.stringify(overview)).not.toMatch(/entropy|secret/);
  });

  it('imports the 24-word reference mnemonic (DESIGN §6) and the 12-word BIP39 vector', async () => {
    const { seeds, vaultKey, vault } = await setup();
    const a = await seeds.importMnemonic(vaultKey, `  ${VECTOR_MNEMONIC.toUpperCase().replaceAll(' ', '  ')} `, 'Ref');
    const b = await seeds.importMnemonic(vaultKey, TWELVE_WORDS);
    expect(a).toMatchObject({ origin: 'mnemonic', wordCount: 24, label: 'Ref' });
    expect(b).toMatchObject({ origin: 'mnemonic', wordCount: 12, label: 'Seed 2' });
    const secrets = await vault.read(vaultKey);
    expect(Buffer.from(secrets.seeds[0]!.entropy).toString('hex')).toBe(VECTOR_ENTROPY_HEX);
    expect(Buffer.from(secrets.seeds[1]!.entropy).toString('hex')).toBe('7f'.repeat(16));
  });

  it('refuses bad mnemonics with clear messages that quote no word', async () => {
    const { seeds, vaultKey, db } = await setup();
    const before = await rawSlots(db);
    const badChecksum = await errorOf(seeds.importMnemonic(vaultKey, Array(12).fill('abandon').join(' ')));
    expect(badChecksum).toMatchObject({
      code: 'INVALID_MNEMONIC',
      message: 'The recovery phrase checksum does not match. Check the words and their order.',
    });
    const swapped = VECTOR_MNEMONIC.split(' ');
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect((await errorOf(seeds.importMnemonic(vaultKey, swapped.join(' ')))).code).toBe('INVALID_MNEMONIC');
    expect((await errorOf(seeds.importMnemonic(vaultKey, 'legal winner thank'))).message).toBe(
      'A recovery phrase has 12 or 24 words; this one has 3.',
    );
    const fifteen = 'abandon '.repeat(14) + 'address';
    expect((await errorOf(seeds.importMnemonic(vaultKey, fifteen))).message).toBe(
      'A recovery phrase has 12 or 24 words; this one has 15.',
    );
    const unknown = await errorOf(seeds.importMnemonic(vaultKey, TWELVE_WORDS.replace('wave', 'wavy')));
    expect(unknown.message).toBe('Word 5 is not in the English recovery-phrase word list.');
    expect(await rawSlots(db)).toEqual(before);
  });

  it('imports hex seeds of the BIP39 sizes (16 to 32 bytes in steps of 4) and refuses other sizes', async () => {
    const { seeds, vaultKey, vault } = await setup();
    expect(await seeds.importHexSeed(vaultKey, `0x${VECTOR_ENTROPY_HEX}`)).toMatchObject({ origin: 'hex', wordCount: 24 });
    expect(await seeds.importHexSeed(vaultKey, 'AB'.repeat(16))).toMatchObject({ origin: 'hex', wordCount: 12 });
    expect(await seeds.importHexSeed(vaultKey, 'cd'.repeat(20))).toMatchObject({ origin: 'hex', wordCount: 15 });
    expect((await vault.read(vaultKey)).seeds[1]!.entropy).toEqual(new Uint8Array(16).fill(0xab));
    for (const bad of ['ab'.repeat(18), 'ab'.repeat(33), 'zz'.repeat(16), 'abc', '']) {
      expect(await errorOf(seeds.importHexSeed(vaultKey, bad))).toMatchObject({
        code: 'INVALID_HEX_SEED',
        message: 'A hex seed is 16, 20, 24, 28 or 32 bytes (32 to 64 hex digits, an even number).',
      });
    }
  });

  it('refuses the same seed twice, whatever the import form', async () => {
    const { seeds, vaultKey } = await setup();
    await seeds.importMnemonic(vaultKey, VECTOR_MNEMONIC);
    expect(await errorOf(seeds.importHexSeed(vaultKey, VECTOR_ENTROPY_HEX))).toMatchObject({
      code: 'SEED_EXISTS',
      message: 'This seed is already in the wallet.',
    });
  });

  it('reveals a mnemonic only with the password', async () => {
    const { seeds, vaultKey, db } = await setup();
    const seed = await seeds.importHexSeed(vaultKey, VECTOR_ENTROPY_HEX, 'IOTICS');
    const before = await rawSlots(db);
    expect(await errorOf(seeds.reveal('not the password', seed.id))).toMatchObject({
      code: 'WRONG_PASSWORD',
      message: 'Wrong password.',
    });
    expect(await seeds.reveal(PASSWORD, seed.id)).toEqual({ mnemonic: VECTOR_MNEMONIC, hex: VECTOR_ENTROPY_HEX });
    expect((await errorOf(seeds.reveal(PASSWORD, 'no-such-id'))).code).toBe('SEED_NOT_FOUND');
    expect(await rawSlots(db)).toEqual(before);
  });

  it('imports idsec keys (decoded 32 bytes) and refuses duplicates and wrong sizes', async () => {
    const { seeds, vaultKey, vault } = await setup();
    const key = await seeds.importIdsecKey(vaultKey, new Uint8Array(32).fill(5), 'Imported');
    expect(key).toMatchObject({ label: 'Imported' });
    expect((await vault.read(vaultKey)).importedKeys[0]!.secret).toEqual(new Uint8Array(32).fill(5));
    expect((await errorOf(seeds.importIdsecKey(vaultKey, new Uint8Array(32).fill(5)))).code).toBe('KEY_EXISTS');
    expect((await errorOf(seeds.importIdsecKey(vaultKey, new Uint8Array(31)))).code).toBe('INVALID_KEY');
  });

  it('imports an idsec string (Factom seed document vector) and refuses idpub or a bad checksum', async () => {
    const { seeds, vaultKey, vault, db } = await setup();
    const imported = await seeds.importIdsec(vaultKey, 'idsec1fKP8B6csh3yAHMiEu2x8NBBJvx7nkWhbJB6XvRobaKibvbMy2', 'Factom p0');
    expect(imported).toMatchObject({ label: 'Factom p0', idpub: 'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa' });
    expect(Buffer.from((await vault.read(vaultKey)).importedKeys[0]!.secret).toString('hex')).toBe(
      '42998b66ba0ada39f45faa92017aaef028a50ec35fe3a2b44fc9ce620672bf6a',
    );
    const before = await rawSlots(db);
    for (const bad of [
      'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa',
      'idsec1fKP8B6csh3yAHMiEu2x8NBBJvx7nkWhbJB6XvRobaKibvbMy3',
      'not a key',
    ]) {
      const error = await errorOf(seeds.importIdsec(vaultKey, bad));
      expect(error.code).toBe('INVALID_KEY');
      expect(error.message).toMatch(/^This is not a valid idsec key: /);
      expect(error.message).not.toContain(bad);
    }
    expect(await rawSlots(db)).toEqual(before);
  });
});
