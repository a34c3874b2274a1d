/**
 * The vault in the running extension (Firefox ESR, background event page): set-up, lock, unlock,
 * a suspended event page, the auto-lock alarm, damaged storage, and a backup restored in another
 * profile. The background is driven through UI messages, as the popup drives it.
 */
import { expect, test } from '@playwright/test';
import type { WalletState } from '../../../src/shared/ui-api';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import {
  alarmScheduledTime,
  connectUi,
  damageVaultSlot,
  fireAlarmNow,
  QUIET_EXTENSION_PAGE,
  QUIET_PAGE_READY,
  readDatabase,
  readExtensionStorage,
  scriptable,
  secretsIn,
  setSessionIdle,
  withoutCiphertexts,
  type ScriptablePage,
  type UiClient,
  type UiOutcome,
} from '../../support/ui-messages';

const PASSWORD = 'correct horse battery';
const VECTOR_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const VECTOR_MNEMONIC =
  'abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware';
const TWELVE_WORDS = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const WRONG_PASSWORD = { code: 4100, message: 'Wrong password.' };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function expectRefused(outcome: UiOutcome<unknown>, expected: { code: number; message: string }): void {
  expect(outcome.ok, 'the request should have been refused').toBe(false);
  if (!outcome.ok) expect(outcome.error).toEqual(expected);
}

async function openUi(firefox: FirefoxSession): Promise<{ page: ScriptablePage; ui: UiClient }> {
  const page = scriptable(await firefox.openExtensionPage(QUIET_EXTENSION_PAGE, QUIET_PAGE_READY));
  return { page, ui: await connectUi(page) };
}

const vaultRows = async (page: ScriptablePage): Promise<Record<string, string>> =>
  Object.fromEntries((await readDatabase(page)).vault ?? []);

const labels = async (ui: UiClient) => (await ui.call('ui_seeds', undefined)).seeds.map((s) => s.label);

let sessions: FirefoxSession[] = [];

async function firefox(options: { backgroundIdleMs?: number } = {}): Promise<FirefoxSession> {
  const session = await launchFirefox(options);
  sessions.push(session);
  return session;
}

test.afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  sessions = [];
});

test.describe('vault (Firefox)', () => {
  test('set-up with a new seed, lock, a wrong password changes nothing, unlock', async () => {
    const { page, ui } = await openUi(await firefox());
    const empty = await ui.call('ui_state', undefined);
    expect(empty).toMatchObject({ vault: 'empty', browser: 'firefox', autoLockMinutes: 15 });

    const { words } = await ui.call('ui_draftSeed', undefined);
    expect(words).toHaveLength(24);
    const confirm = [4, 10, 20].map((index) => ({ index, word: words[index]! }));
    const wrong = confirm.map((c, i) => (i === 1 ? { ...c, word: c.word === 'zoo' ? 'abandon' : 'zoo' } : c));
    expectRefused(await ui.attempt('ui_createWallet', { password: PASSWORD, seed: { source: 'draft', confirm: wrong } }), {
      code: -32602,
      message: 'Word 11 does not match the recovery phrase you were shown.',
    });
    const created: WalletState = await ui.call('ui_createWallet', { password: PASSWORD, seed: { source: 'draft', confirm }, label: 'Main' });
    expect(created.vault).toBe('unlocked');
    const [seed] = (await ui.call('ui_seeds', undefined)).seeds;
    expect(seed).toMatchObject({ label: 'Main', origin: 'created', words: 24 });
    expect((await ui.call('ui_revealMnemonic', { seedId: seed!.id, password: PASSWORD })).words).toEqual(words);

    expect((await ui.call('ui_lock', undefined)).vault).toBe('locked');
    expectRefused(await ui.attempt('ui_seeds', undefined), { code: 4100, message: 'Sigil is locked. Unlock it and try again.' });
    const before = await vaultRows(page);
    expectRefused(await ui.attempt('ui_unlock', { password: 'not the password' }), WRONG_PASSWORD);
    expect(await vaultRows(page)).toEqual(before);
    expect((await ui.call('ui_unlock', { password: PASSWORD })).vault).toBe('unlocked');
    expect(await labels(ui)).toEqual(['Main']);
    expect(await ui.events()).toContain('stateChanged');

    // Nothing typed or shown is stored outside the encrypted fields.
    const secrets = { password: PASSWORD, words: words.join(' ') };
    const rows = Object.entries(await readDatabase(page)).flatMap(([store, pairs]) =>
      pairs.map(([, value]) => (store === 'vault' ? withoutCiphertexts(value) : value)),
    );
    expect(secretsIn(rows.join('\n'), secrets)).toEqual([]);
    expect(secretsIn(await readExtensionStorage(page, 'local'), secrets)).toEqual([]);
    expect(secretsIn(await readExtensionStorage(page, 'session'), secrets)).toEqual([]);
  });

  test('the unlocked state survives a suspended event page, and the auto-lock alarm still locks it', async () => {
    // Long enough for one Argon2 derivation in Firefox: Firefox suspends an idle event page even while it computes.
    const idleMs = 10_000;
    const { page, ui } = await openUi(await firefox({ backgroundIdleMs: idleMs }));
    const created = await ui.call('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_HEX } });
    expect(created.vault).toBe('unlocked');

    // Left idle, Firefox suspends the event page; the next message starts a new one.
    await sleep(idleMs + 3000);
    const restarted = await ui.call('ui_state', undefined);
    expect(restarted.backgroundStartedAt).toBeGreaterThan(created.backgroundStartedAt);
    expect(restarted.vault).toBe('unlocked');
    expect(await labels(ui)).toEqual(['Seed 1']);
    expect(await alarmScheduledTime(page, 'sigil.autoLock')).not.toBeNull();

    // Suspended again, then idle past the deadline: the alarm wakes the event page, which locks. The
    // session store is read from the page, so no message to the background wakes it meanwhile.
    await setSessionIdle(page, 16 * 60_000);
    await sleep(idleMs + 3000);
    await fireAlarmNow(page, 'sigil.autoLock');
    await expect
      .poll(async () => Object.keys(JSON.parse(await readExtensionStorage(page, 'session')) as object), { timeout: 15_000 })
      .not.toContain('sigil.vaultSession');
    const locked = await ui.call('ui_state', undefined);
    expect(locked.vault).toBe('locked');
    expect(locked.backgroundStartedAt).toBeGreaterThan(restarted.backgroundStartedAt);
    expect((await ui.call('ui_unlock', { password: PASSWORD })).vault).toBe('unlocked');
  });

  test('a damaged primary record: recovery screen, unlock from the copy, repair; both damaged: restore from a backup', async () => {
    const { page, ui } = await openUi(await firefox());
    await ui.call('ui_createWallet', { password: PASSWORD, seed: { source: 'mnemonic', words: VECTOR_MNEMONIC }, label: 'Main' });
    const backup = await ui.call('ui_exportBackup', { password: PASSWORD });
    await ui.call('ui_lock', undefined);

    await damageVaultSlot(page, 'primary', 'flip-ciphertext');
    expect(await ui.call('ui_state', undefined)).toMatchObject({
      vault: 'recovery',
      problem:
        'The main copy of your wallet data is damaged (integrity check failed). Sigil keeps a second copy, which is intact: restore it to go on.',
    });
    expect((await ui.call('ui_unlock', { password: PASSWORD })).vault).toBe('recovery');
    expect(await labels(ui)).toEqual(['Main']);
    expect((await ui.call('ui_restoreCopy', undefined)).vault).toBe('unlocked');
    const rows = await vaultRows(page);
    expect(rows.primary).toBe(rows.copy);

    await damageVaultSlot(page, 'primary', 'truncate');
    await damageVaultSlot(page, 'copy', 'delete');
    const damaged = 'The wallet data is damaged and no intact copy was found. Restore the wallet from a backup file.';
    expect(await ui.call('ui_state', undefined)).toMatchObject({ vault: 'damaged', problem: damaged });
    expectRefused(await ui.attempt('ui_unlock', { password: PASSWORD }), { code: 4900, message: damaged });
    expect((await ui.call('ui_importBackup', { contents: backup.contents, password: PASSWORD, replaceExisting: true })).vault).toBe('unlocked');
    expect(await labels(ui)).toEqual(['Main']);
  });

  test('export, then import into a fresh profile: nothing lost; a damaged file is refused', async () => {
    const { ui } = await openUi(await firefox());
    await ui.call('ui_createWallet', { password: PASSWORD, seed: { source: 'mnemonic', words: VECTOR_MNEMONIC }, label: 'Main' });
    await ui.call('ui_addSeed', { seed: { source: 'mnemonic', words: TWELVE_WORDS }, label: 'Agent seed' });
    await ui.call('ui_setAutoLock', { minutes: 'never' });
    const original = await ui.call('ui_seeds', undefined);
    const backup = await ui.call('ui_exportBackup', { password: PASSWORD });
    expect(backup.fileName).toMatch(/^sigil-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(secretsIn(backup.contents, { PASSWORD, VECTOR_MNEMONIC, TWELVE_WORDS, VECTOR_HEX })).toEqual([]);

    const other = (await openUi(await firefox())).ui;
    expect((await other.call('ui_state', undefined)).vault).toBe('empty');
    const file = JSON.parse(backup.contents) as { ct: string };
    const middle = Math.floor(file.ct.length / 2);
    const badTag = JSON.stringify({ ...file, ct: `${file.ct.slice(0, middle)}${file.ct[middle] === 'A' ? 'B' : 'A'}${file.ct.slice(middle + 1)}` });
    expectRefused(await other.attempt('ui_importBackup', { contents: badTag, password: PASSWORD }), {
      code: -32602,
      message: 'The backup file is damaged or the password is wrong.',
    });
    expect((await other.call('ui_state', undefined)).vault).toBe('empty');

    expect(await other.call('ui_importBackup', { contents: backup.contents, password: PASSWORD })).toMatchObject({
      vault: 'unlocked',
      autoLockMinutes: 'never',
    });
    expect(await other.call('ui_seeds', undefined)).toEqual(original);
    expect((await other.call('ui_revealMnemonic', { seedId: original.seeds[1]!.id, password: PASSWORD })).words.join(' ')).toBe(TWELVE_WORDS);
    await other.call('ui_lock', undefined);
    expect((await other.call('ui_unlock', { password: PASSWORD })).vault).toBe('unlocked');
  });
});
