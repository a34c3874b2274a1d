import { expect, test } from '../../support/chromium';
import { PASSWORD, REFERENCE, uiCall } from '../../support/popup';
import { answerQuiz, capture, onboardNewWallet, openPopup } from '../../support/popup-chromium';

test.describe('popup: onboarding (Chromium)', () => {
  test('a new wallet: password with strength hint, 24 words shown once, three words checked', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await expect(popup.getByRole('heading', { name: 'Welcome to Sigil' })).toBeVisible();
    await capture(popup, 'welcome');

    await popup.getByRole('button', { name: /Create a new wallet/ }).click();
    const strength = popup.getByTestId('password-strength');
    await popup.getByLabel('New password', { exact: true }).fill('abc');
    await expect(strength).toContainText('Too short');
    await popup.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await expect(strength).toContainText('Strong');
    await popup.getByLabel('Confirm password', { exact: true }).fill(`${PASSWORD}!`);
    await popup.getByRole('button', { name: 'Continue' }).click();
    await expect(popup.getByText('The two passwords are not the same.')).toBeVisible();
    await capture(popup, 'choose-password');
    await popup.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Continue' }).click();

    // The words stay covered until the person reveals them.
    await expect(popup.getByTestId('words-hidden')).toBeVisible();
    await expect(popup.getByTestId('recovery-words')).toHaveCount(0);
    await capture(popup, 'show-words-hidden');
    await popup.getByRole('button', { name: 'Reveal the words' }).click();
    await expect(popup.getByTestId('recovery-words').locator('li')).toHaveCount(24);
    const words = await popup.getByTestId('recovery-words').locator('li').evaluateAll((items) => items.map((li) => li.lastChild!.textContent!.trim()));
    expect(words).toHaveLength(24);
    await capture(popup, 'show-words');
    await popup.getByRole('button', { name: 'Continue' }).click();
    await expect(popup.getByText('Tick the box once the words are written down.')).toBeVisible();
    await popup.getByLabel(/I have written down all 24 words/).check();
    await popup.getByRole('button', { name: 'Continue' }).click();

    // A wrong pick is refused by the background and creates nothing.
    const groups = popup.getByRole('group', { name: /^Word #\d+$/ });
    await answerQuiz(popup, words);
    await capture(popup, 'confirm-words');
    const first = groups.first();
    const position = Number((await first.locator('legend').textContent())!.replace(/\D/g, ''));
    // A radio has no text of its own: tell the choices apart by their labels.
    const choices = await first.getByRole('radio').all();
    const labels = await Promise.all(choices.map((choice) => choice.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim())));
    const wrongIndex = labels.findIndex((label) => label !== words[position - 1]);
    await choices[wrongIndex]!.check();
    await popup.getByRole('button', { name: 'Create wallet' }).click();
    await expect(popup.getByRole('alert')).toBeVisible();
    await capture(popup, 'confirm-words-error');
    expect((await uiCall(popup, 'ui_state')).vault).toBe('empty');

    await answerQuiz(popup, words);
    await popup.getByRole('button', { name: 'Create wallet' }).click();
    await expect(popup.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
    await capture(popup, 'setup-done');
    expect((await uiCall(popup, 'ui_state')).vault).toBe('unlocked');

    await popup.getByRole('button', { name: 'Open my wallet' }).click();
    await expect(popup.getByTestId('no-entities')).toBeVisible();
    await capture(popup, 'home-empty');

    // The phrase the popup showed is the wallet's seed: revealing it later gives the same words.
    const seeds = await uiCall(popup, 'ui_seeds');
    const revealed = await uiCall(popup, 'ui_revealMnemonic', { seedId: seeds.seeds[0]!.id, password: PASSWORD });
    expect(revealed.words).toEqual(words);
  });

  test('importing the reference phrase recreates the reference DID for user "alice"', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await popup.getByRole('button', { name: /Import a recovery phrase/ }).click();
    await popup.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await popup.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Continue' }).click();

    const phrase = popup.getByLabel('Recovery phrase', { exact: true });
    await phrase.fill(REFERENCE.mnemonic.replace('amount liar', 'amount lier'));
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    await expect(popup.getByText('Word 3 ("lier") is not in the BIP39 English word list.')).toBeVisible();
    await phrase.fill(REFERENCE.mnemonic.split(' ').slice(0, 23).join(' '));
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    await expect(popup.getByText('A recovery phrase has 12 or 24 words; this one has 23.')).toBeVisible();
    await capture(popup, 'import-seed-error');
    expect((await uiCall(popup, 'ui_state')).vault).toBe('empty');

    await phrase.fill(`  ${REFERENCE.mnemonic.toUpperCase()}\n`);
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    // The phrase's identities are looked for on the resolver (none runs here): the screen says so.
    await expect(popup.getByRole('heading', { name: 'Your identities' })).toBeVisible();
    await expect(popup.getByTestId('restore-summary')).toContainText('The resolver could not be reached.');
    await popup.getByRole('button', { name: 'Continue' }).click();
    await expect(popup.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
    await popup.getByRole('button', { name: 'Open my wallet' }).click();

    await popup.getByRole('link', { name: 'Create a User and an Agent' }).click();
    await popup.getByLabel('User label').fill('Alice');
    // DESIGN §6's reference DID is for the key name "alice", chosen by hand.
    await popup.getByRole('button', { name: 'Choose the User key name' }).click();
    await popup.getByLabel('User key name').fill('alice');
    await expect(popup.getByLabel('Agent label')).toHaveValue('Alice agent');
    await popup.getByRole('button', { name: 'Create User and Agent' }).click();
    await expect(popup.getByTestId('created')).toContainText('Alice delegates authentication to Alice agent');
    await popup.getByTestId('created').getByRole('link', { name: 'Alice', exact: true }).click();
    await expect(popup.getByTestId('entity-did')).toHaveText(REFERENCE.aliceDid);
    await expect(popup.locator('tr[data-key-id="#user-0-0"]')).toContainText(REFERENCE.alicePriority0);
  });

  test('importing the reference entropy as hex gives the same identity', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await popup.getByRole('button', { name: /Import a recovery phrase/ }).click();
    await popup.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await popup.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Continue' }).click();
    await popup.getByLabel(/seed in hexadecimal/).check();
    await popup.getByLabel('Hex seed').fill('00010203xyz');
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    await expect(popup.getByText('A hex seed uses only the characters 0–9 and a–f.')).toBeVisible();
    await popup.getByLabel('Hex seed').fill(REFERENCE.hex);
    await popup.getByRole('button', { name: 'Import and create wallet' }).click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    await expect(popup.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
    await popup.getByRole('button', { name: 'Open my wallet' }).click();
    const alice = await uiCall(popup, 'ui_createEntity', { kind: 'user', label: 'Alice', keyName: 'alice' });
    expect(alice.did).toBe(REFERENCE.aliceDid);
  });

  test('a Factom idsec key can be imported right after set-up', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await onboardNewWallet(popup, PASSWORD);
    const form = popup.getByRole('form', { name: 'Import a Factom idsec key' });
    await form.getByLabel('Factom private key (idsec…)', { exact: true }).fill('idsecNOTAKEY');
    await form.getByRole('button', { name: 'Import key' }).click();
    await expect(form.getByText('An idsec key is 55 characters and starts with "idsec".')).toBeVisible();
    // The Factom seed document's priority-0 key (vectors/factom.json): its idpub is known.
    await form.getByLabel('Factom private key (idsec…)', { exact: true }).fill('idsec1fKP8B6csh3yAHMiEu2x8NBBJvx7nkWhbJB6XvRobaKibvbMy2');
    await form.getByLabel('Label (optional)').fill('Factom master');
    await form.getByRole('button', { name: 'Import key' }).click();
    await expect(form.getByRole('status')).toContainText('Imported “Factom master”');
    await capture(popup, 'setup-done-idsec');
    await expect(form.getByRole('status')).toContainText('idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa');
    await expect(form.getByLabel('Factom private key (idsec…)', { exact: true })).toHaveValue('');
    const { importedKeys } = await uiCall(popup, 'ui_seeds');
    expect(importedKeys).toEqual([expect.objectContaining({ label: 'Factom master', idpub: 'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa' })]);
  });
});
