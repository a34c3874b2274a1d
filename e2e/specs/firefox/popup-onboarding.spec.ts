/**
 * Set-up in Firefox, as popup-onboarding.spec.ts in Chromium: the password with its strength hint,
 * a wrong word in the check refused, wrong phrases and hex seeds refused next to the field, a Factom
 * idsec key imported right after set-up. (The whole path to the home screen: firefox/popup.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { PASSWORD, REFERENCE, uiCall } from '../../support/popup';
import { capture, check, click, fill, openPopup, textOf, waitForHeading, waitForText } from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

// A fresh profile per test: each starts from an empty wallet.
let firefox: FirefoxSession;
test.beforeEach(async () => {
  firefox = await launchFirefox();
});
test.afterEach(async () => {
  await firefox?.close();
});

const vault = async (popup: Page) => (await uiCall(scriptable(popup), 'ui_state')).vault;
const shownWords = (popup: Page) => popup.$$eval('[data-testid="recovery-words"] li', (items) => items.map((li) => li.lastChild!.textContent!.trim()));
/** The positions (1-based) the check screen asks for. */
const askedPositions = (popup: Page) => popup.$$eval('fieldset legend', (legends) => legends.map((l) => Number(l.textContent!.replace(/\D/g, ''))));

async function pickWord(popup: Page, position: number, word: string): Promise<void> {
  await (await popup.waitForSelector(`input[name="word-${position - 1}"][value="${word}"]`))!.click();
}

/** From the welcome screen to the import screen, with a password chosen. */
async function startImport(popup: Page): Promise<void> {
  await click(popup, 'Import a recovery phrase or seed', true);
  await fill(popup, 'New password', PASSWORD);
  await fill(popup, 'Confirm password', PASSWORD);
  await click(popup, 'Continue');
  await waitForHeading(popup, 'Import a seed');
}

test.describe('popup: onboarding (Firefox)', () => {
  test('a new wallet: password with strength hint, the words revealed on request, a wrong word refused, three words checked', async () => {
    const popup = await openPopup(firefox);
    await waitForHeading(popup, 'Welcome to Sigil');
    await click(popup, 'Create a new wallet', true);
    await fill(popup, 'New password', 'abc');
    await waitForText(popup, 'Too short', '[data-testid="password-strength"]');
    await fill(popup, 'New password', PASSWORD);
    await waitForText(popup, 'Strong', '[data-testid="password-strength"]');
    await fill(popup, 'Confirm password', `${PASSWORD}!`);
    await click(popup, 'Continue');
    await waitForText(popup, 'The two passwords are not the same.');
    await capture(popup, 'choose-password');
    await fill(popup, 'Confirm password', PASSWORD);
    await click(popup, 'Continue');

    // The words stay covered until the person reveals them.
    await popup.waitForSelector('[data-testid="words-hidden"]');
    expect(await popup.$('[data-testid="recovery-words"]')).toBeNull();
    await click(popup, 'Reveal the words');
    await popup.waitForSelector('[data-testid="recovery-words"]');
    const words = await shownWords(popup);
    expect(words).toHaveLength(24);
    await check(popup, 'I have written down all 24 words');
    await click(popup, 'Continue');
    await waitForHeading(popup, 'Check your recovery phrase');

    const positions = await askedPositions(popup);
    expect(positions).toHaveLength(3);
    for (const position of positions) await pickWord(popup, position, words[position - 1]!);
    // One wrong choice: the wallet is not created.
    const wrong = await popup.$$eval(`input[name="word-${positions[0]! - 1}"]`, (inputs, right) => inputs.map((i) => (i as HTMLInputElement).value).find((v) => v !== right)!, words[positions[0]! - 1]!);
    await pickWord(popup, positions[0]!, wrong);
    await click(popup, 'Create wallet');
    await popup.waitForSelector('[role="alert"]');
    await capture(popup, 'confirm-words-error');
    expect(await vault(popup)).toBe('empty');

    await pickWord(popup, positions[0]!, words[positions[0]! - 1]!);
    await click(popup, 'Create wallet');
    await waitForHeading(popup, 'Your wallet is ready');
    await capture(popup, 'setup-done');
    expect(await vault(popup)).toBe('unlocked');
    const seeds = await uiCall(scriptable(popup), 'ui_seeds');
    expect((await uiCall(scriptable(popup), 'ui_revealMnemonic', { seedId: seeds.seeds[0]!.id, password: PASSWORD })).words).toEqual(words);

    // A Factom idsec key can be imported right away.
    const form = 'form[aria-label="Import a Factom idsec key"]';
    await fill(popup, 'Factom private key (idsec…)', 'idsecNOTAKEY');
    await click(popup, 'Import key');
    await waitForText(popup, 'An idsec key is 55 characters and starts with "idsec".', form);
    // The Factom seed document's priority-0 key (vectors/factom.json): its idpub is known.
    await fill(popup, 'Factom private key (idsec…)', 'idsec1fKP8B6csh3yAHMiEu2x8NBBJvx7nkWhbJB6XvRobaKibvbMy2');
    await fill(popup, 'Label (optional)', 'Factom master');
    await click(popup, 'Import key');
    await waitForText(popup, 'Imported “Factom master”', `${form} [role="status"]`);
    await capture(popup, 'setup-done-idsec');
    expect(await textOf(popup, `${form} [role="status"]`)).toContain('idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa');
    expect(await popup.$eval(`${form} input`, (input) => (input as HTMLInputElement).value)).toBe('');
    expect((await uiCall(scriptable(popup), 'ui_seeds')).importedKeys).toEqual([
      expect.objectContaining({ label: 'Factom master', idpub: 'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa' }),
    ]);
  });

  test('importing: a word not in the list and a wrong word count are refused next to the field; the reference phrase is the reference seed', async () => {
    const popup = await openPopup(firefox);
    await startImport(popup);
    await fill(popup, 'Recovery phrase', REFERENCE.mnemonic.replace('amount liar', 'amount lier'));
    await click(popup, 'Import and create wallet');
    await waitForText(popup, 'Word 3 ("lier") is not in the BIP39 English word list.');
    await fill(popup, 'Recovery phrase', REFERENCE.mnemonic.split(' ').slice(0, 23).join(' '));
    await click(popup, 'Import and create wallet');
    await waitForText(popup, 'A recovery phrase has 12 or 24 words; this one has 23.');
    await capture(popup, 'import-seed-error');
    expect(await vault(popup)).toBe('empty');

    await fill(popup, 'Recovery phrase', `  ${REFERENCE.mnemonic.toUpperCase()}\n`);
    await click(popup, 'Import and create wallet');
    await popup.waitForFunction(() => document.querySelector('h1')?.textContent?.trim() !== 'Import a seed', { timeout: 15_000 });
    expect(await vault(popup)).toBe('unlocked');
    const alice = await uiCall(scriptable(popup), 'ui_createEntity', { kind: 'user', label: 'Alice', keyName: 'alice' });
    expect(alice.did).toBe(REFERENCE.aliceDid);
  });

  test('importing the reference entropy as hex gives the same identity; a bad hex seed is refused', async () => {
    const popup = await openPopup(firefox);
    await startImport(popup);
    await check(popup, 'A seed in hexadecimal');
    await fill(popup, 'Hex seed', '00010203xyz');
    await click(popup, 'Import and create wallet');
    await waitForText(popup, 'A hex seed uses only the characters 0–9 and a–f.');
    await fill(popup, 'Hex seed', REFERENCE.hex);
    await click(popup, 'Import and create wallet');
    await popup.waitForFunction(() => document.querySelector('h1')?.textContent?.trim() !== 'Import a seed', { timeout: 15_000 });
    const alice = await uiCall(scriptable(popup), 'ui_createEntity', { kind: 'user', label: 'Alice', keyName: 'alice' });
    expect(alice.did).toBe(REFERENCE.aliceDid);
  });
});
