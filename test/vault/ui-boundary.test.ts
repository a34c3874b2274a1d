/** What the vault shows at the UI boundary: state, errors, settings checks and the backup file name. */
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core';
import { ErrorCode, SigilError, toErrorPayload } from '../../src/shared/errors';
import { isValidSetting, normalizeResolverUrl, resolverUrlProblem, StorageError } from '../../src/background/storage';
import { backupFileName, VaultError, vaultStateOf } from '../../src/background/vault';
import { toSigilError, withVaultErrors } from '../../src/background/safe-errors';

describe('vault state for the UI', () => {
  it('is empty, locked or unlocked for a healthy vault', () => {
    expect(vaultStateOf({ state: 'empty' }, false)).toEqual({ vault: 'empty' });
    expect(vaultStateOf({ state: 'ok', copyIntact: true }, false)).toEqual({ vault: 'locked' });
    expect(vaultStateOf({ state: 'ok', copyIntact: false }, true)).toEqual({ vault: 'unlocked' });
  });

  it('shows the recovery screen, with the reason in plain words, while the primary record is damaged', () => {
    expect(vaultStateOf({ state: 'recovered', reason: 'integrity check failed' }, true)).toEqual({
      vault: 'recovery',
      problem:
        'The main copy of your wallet data is damaged (integrity check failed). Sigil keeps a second copy, which is intact: restore it to go on.',
    });
    expect(vaultStateOf({ state: 'recovered', reason: 'missing' }, false).problem).toMatch(/^The main copy of your wallet data is missing\./);
  });

  it('says a backup file is the way out when nothing intact is left', () => {
    expect(vaultStateOf({ state: 'damaged' }, false)).toEqual({
      vault: 'damaged',
      problem: 'The wallet data is damaged and no intact copy was found. Restore the wallet from a backup file.',
    });
  });
});

describe('errors at the UI boundary', () => {
  const payloadOf = (error: unknown) => toErrorPayload(toSigilError(error));

  it('keeps the safe message and gives a code by kind of problem', () => {
    expect(payloadOf(new VaultError('WRONG_PASSWORD', 'Wrong password.'))).toEqual({ code: 4100, message: 'Wrong password.' });
    expect(payloadOf(new VaultError('VAULT_KEY_REJECTED', 'The wallet is locked. Unlock it again.')).code).toBe(4100);
    expect(payloadOf(new VaultError('NO_VAULT', 'The wallet has not been set up yet.')).code).toBe(4900);
    expect(payloadOf(new VaultError('VAULT_DAMAGED', 'Damaged.')).code).toBe(4900);
    expect(payloadOf(new VaultError('CONCURRENT_WRITE', 'Try again.')).code).toBe(-32603);
    expect(payloadOf(new VaultError('INVALID_MNEMONIC', 'Word 3 is not in the English recovery-phrase word list.'))).toEqual({
      code: -32602,
      message: 'Word 3 is not in the English recovery-phrase word list.',
    });
    expect(payloadOf(new VaultError('BACKUP_KDF_REFUSED', 'Refused.')).code).toBe(-32602);
    expect(payloadOf(new StorageError('DB_TOO_NEW', 'Update Sigil.'))).toEqual({ code: 4900, message: 'Update Sigil.' });
    expect(payloadOf(new CoreError('INVALID_KEY', 'idsec key checksum does not match'))).toEqual({
      code: -32602,
      message: 'Idsec key checksum does not match.',
    });
  });

  it('passes SigilErrors through and never lets another message out', () => {
    const sigil = new SigilError(ErrorCode.unauthorized, 'Sigil is locked.');
    expect(toSigilError(sigil)).toBe(sigil);
    const library = new TypeError('secret words leaked into a library message');
    expect(toSigilError(library)).toBe(library);
    expect(toErrorPayload(toSigilError(library))).toEqual({ code: -32603, message: 'Internal error in Sigil.' });
  });

  it('wraps a handler', async () => {
    const handler = withVaultErrors(async (password: string) => {
      if (password !== 'right') throw new VaultError('WRONG_PASSWORD', 'Wrong password.');
      return 'opened';
    });
    expect(await handler('right')).toBe('opened');
    await expect(handler('wrong')).rejects.toMatchObject({ name: 'SigilError', code: 4100, message: 'Wrong password.' });
  });
});

describe('resolver URL setting', () => {
  it('accepts empty (no resolver) and http(s) addresses, trimmed and without trailing slashes', () => {
    expect(normalizeResolverUrl('  http://127.0.0.1:8799/ ')).toBe('http://127.0.0.1:8799');
    expect(normalizeResolverUrl('https://resolver.example/iotics//')).toBe('https://resolver.example/iotics');
    for (const ok of ['', 'http://127.0.0.1:8799', 'https://resolver.example/iotics']) expect(resolverUrlProblem(ok)).toBeNull();
  });

  it('refuses anything else in plain words', () => {
    const rule = 'The resolver URL must be empty or an http:// or https:// address.';
    expect(resolverUrlProblem('resolver.example')).toBe(rule);
    expect(resolverUrlProblem('ftp://resolver.example')).toBe(rule);
    expect(resolverUrlProblem('javascript:alert(1)')).toBe(rule);
    expect(resolverUrlProblem('https://user:pw@resolver.example')).toBe('The resolver URL must not contain a user name or password.');
    expect(resolverUrlProblem('https://resolver.example/?a=1')).toBe('The resolver URL must not have a query or a fragment.');
    expect(resolverUrlProblem(`https://resolver.example/${'a'.repeat(2048)}`)).toBe('The resolver URL must be at most 2048 characters.');
  });

  it('applies the same rule to a setting read from a backup file', () => {
    expect(isValidSetting('resolverUrl', 'https://resolver.example')).toBe(true);
    expect(isValidSetting('resolverUrl', 'javascript:alert(1)')).toBe(false);
  });
});

describe('backup file name', () => {
  it('is sigil-backup-YYYY-MM-DD.json in the local date', () => {
    expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe('sigil-backup-2026-01-05.json');
    expect(backupFileName(new Date(2026, 10, 21, 0, 1))).toBe('sigil-backup-2026-11-21.json');
  });
});
