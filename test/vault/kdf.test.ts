/**
 * The vault's Argon2id (hash-wasm's WebAssembly build) gives the same bytes as the implementation
 * Sigil used before it (noble's pure JS, still a dependency for other hashes) and as Debian's
 * `argon2` command (the reference C implementation), and opens what the previous version wrote.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_FORMAT, parseBackup, readVaultRecord } from '../../src/background/vault';
import { open } from '../../src/background/vault/aead';
import { utf8Encode } from '../../src/background/vault/encoding';
import { DEFAULT_KDF_PARAMS, derivePasswordKey, kdfBinding, type KdfDescriptor } from '../../src/background/vault/kdf';
import { payloadAad } from '../../src/background/vault/record';
import { unwrapVaultKey } from '../../src/background/vault/vault-crypto';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The command only takes a text salt, so the vectors use 16 ASCII characters: 16 bytes, as the vault's. */
const descriptor = (salt: string, m: number, t: number): KdfDescriptor => {
  const saltBytes = utf8Encode(salt);
  expect(saltBytes.length).toBe(16);
  return { alg: 'argon2id', m, t, p: 1, salt: saltBytes };
};

/** `printf %s password | argon2 salt -id -k m -t t -p 1 -l 32 -r`, m in KiB. */
function nativeArgon2id(password: string, kdf: KdfDescriptor): string {
  const salt = Buffer.from(kdf.salt).toString('latin1');
  const args = [salt, '-id', '-k', String(kdf.m), '-t', String(kdf.t), '-p', '1', '-l', '32', '-r'];
  const run = spawnSync('argon2', args, { input: Buffer.from(password.normalize('NFC'), 'utf8'), encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(`Debian's argon2 command failed (apt-get install argon2): ${run.error?.message ?? run.stderr}`);
  return run.stdout.trim();
}

/** What Sigil derived before the WebAssembly build: noble's argon2idAsync on the NFC UTF-8 bytes. */
const previousImplementation = async (password: string, kdf: KdfDescriptor): Promise<string> =>
  hex(await argon2idAsync(utf8Encode(password.normalize('NFC')), kdf.salt, { m: kdf.m, t: kdf.t, p: 1, dkLen: 32 }));

const fixture = (name: string) => readFileSync(new URL(`../fixtures/v1/${name}`, import.meta.url), 'utf8');

describe('derivePasswordKey (Argon2id)', () => {
  it('with the vault parameters (64 MiB, t = 3, p = 1) gives the same 32 bytes as the previous implementation and the argon2 command', async () => {
    const kdf = descriptor('sigil-salt-16-by', DEFAULT_KDF_PARAMS.m, DEFAULT_KDF_PARAMS.t);
    expect(DEFAULT_KDF_PARAMS).toEqual({ m: 65536, t: 3, p: 1 });
    const derived = hex(await derivePasswordKey('correct horse battery', kdf));
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(derived).toBe(nativeArgon2id('correct horse battery', kdf));
    expect(derived).toBe(await previousImplementation('correct horse battery', kdf));
  });

  it.each([
    { password: 'pw', salt: 'saltsaltsaltsalt', m: 8, t: 1 },
    { password: 'correct horse battery', salt: '0123456789abcdef', m: 64, t: 1 },
    { password: 'correct horse battery', salt: '0123456789abcdef', m: 64, t: 2 },
    // Memory that is not a multiple of 4 blocks: Argon2 rounds the lane down but hashes the given m.
    { password: 'odd memory', salt: 'fedcba9876543210', m: 37, t: 3 },
    { password: 'päss wörd ✓ 🔑', salt: 'unicode-password', m: 256, t: 3 },
    { password: 'x'.repeat(127), salt: 'long-password-16', m: 1024, t: 2 },
  ])('small parameters m = $m KiB, t = $t: same bytes as the previous implementation and the argon2 command', async (vector) => {
    const kdf = descriptor(vector.salt, vector.m, vector.t);
    const derived = hex(await derivePasswordKey(vector.password, kdf));
    expect(derived).toBe(nativeArgon2id(vector.password, kdf));
    expect(derived).toBe(await previousImplementation(vector.password, kdf));
  });

  it('every parameter and the password change the key; the same characters composed or not give the same key', async () => {
    const kdf = descriptor('0123456789abcdef', 64, 1);
    const base = hex(await derivePasswordKey('café password', kdf));
    expect(hex(await derivePasswordKey('cafe\u0301 password', kdf))).toBe(base);
    expect(hex(await derivePasswordKey('cafe password', kdf))).not.toBe(base);
    expect(hex(await derivePasswordKey('café password', { ...kdf, m: 72 }))).not.toBe(base);
    expect(hex(await derivePasswordKey('café password', { ...kdf, t: 2 }))).not.toBe(base);
    expect(hex(await derivePasswordKey('café password', descriptor('0123456789abcdeg', 64, 1)))).not.toBe(base);
  });

  it('an empty password is a wrong password, refused without deriving', async () => {
    await expect(derivePasswordKey('', descriptor('0123456789abcdef', DEFAULT_KDF_PARAMS.m, 10))).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: 'Wrong password.',
    });
  });
});

describe('where WebAssembly is unavailable', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('deriving fails with a plain reason, not an internal error', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    await expect(derivePasswordKey('correct horse battery', descriptor('0123456789abcdef', 64, 1))).rejects.toMatchObject({
      code: 'KDF_UNAVAILABLE',
      message: 'Sigil cannot check the password in this browser: WebAssembly is blocked or out of memory.',
    });
  });
});

describe('what the previous version wrote (test/fixtures/v1) opens with this KDF', () => {
  const wallet = JSON.parse(fixture('wallet.json')) as { password: string };
  const database = JSON.parse(fixture('database.json')) as { stores: { vault: { key: string; value: unknown }[] } };

  it('the vault record: its password unwraps the vault key, which opens the secrets; another password does not', async () => {
    const reading = readVaultRecord(database.stores.vault.find((row) => row.key === 'primary')!.value);
    if (reading.state !== 'intact') throw new Error(`the v1 vault record reads as ${reading.state}`);
    const { record } = reading;
    const vaultKey = await unwrapVaultKey(record, wallet.password);
    expect(await open(vaultKey, record.payload, payloadAad(record.vaultId, record.counter))).not.toBeNull();
    await expect(unwrapVaultKey(record, `${wallet.password}!`)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });

  it('the backup file: its password derives the key that opens it', async () => {
    const backup = parseBackup(fixture('backup.json'));
    const fileKey = await derivePasswordKey(wallet.password, backup.kdf);
    const aad = utf8Encode(`${BACKUP_FORMAT}/${backup.version}/${kdfBinding(backup.kdf)}`);
    expect(await open(fileKey, backup.box, aad)).not.toBeNull();
    await expect(derivePasswordKey(`${wallet.password}!`, backup.kdf).then((key) => open(key, backup.box, aad))).resolves.toBeNull();
  });
});
