import { expect, test } from '../../support/chromium';
import { PASSWORD, REFERENCE } from '../../support/popup';
import { capture, openPopup, tabTo } from '../../support/popup-chromium';

test.describe('popup: keyboard only (Chromium)', () => {
  test('set-up, creating identities, a key replacement, lock and unlock, all with the keyboard and a visible focus', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await tabTo(popup, /^Import a recovery phrase or seed/);
    await popup.keyboard.press('Enter');
    await expect(popup.getByLabel('New password', { exact: true })).toBeFocused();
    await popup.keyboard.type(PASSWORD);
    await tabTo(popup, 'Confirm password');
    await popup.keyboard.type(PASSWORD);
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Import a seed' })).toBeFocused();
    await tabTo(popup, 'Recovery phrase');
    await popup.keyboard.type(REFERENCE.mnemonic);
    await tabTo(popup, 'Import and create wallet');
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Your identities' })).toBeFocused();
    await expect(popup.getByTestId('restore-summary')).toBeVisible();
    await tabTo(popup, 'Continue');
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Your wallet is ready' })).toBeFocused();
    await tabTo(popup, 'Open my wallet');
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Identities' })).toBeFocused();

    await tabTo(popup, 'Create a User and an Agent');
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Create: User and Agent' })).toBeFocused();
    await tabTo(popup, 'User label');
    await popup.keyboard.type('Alice');
    // DESIGN §6's reference DID is for the key name "alice", chosen by hand.
    await tabTo(popup, 'Choose the User key name');
    await popup.keyboard.press('Enter');
    await expect(popup.getByLabel('User key name')).toBeFocused();
    await popup.keyboard.type('alice');
    await tabTo(popup, 'Create User and Agent');
    await capture(popup, 'keyboard-focus');
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('created')).toBeVisible();
    await tabTo(popup, 'Alice');
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('entity-did')).toHaveText(REFERENCE.aliceDid);
    await expect(popup.getByRole('heading', { name: 'Alice', level: 1 })).toBeFocused();

    await tabTo(popup, 'Replace key #user-2-0');
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('plan-reason')).toBeVisible();
    await tabTo(popup, 'Continue');
    await popup.keyboard.press('Enter');
    await tabTo(popup, 'Replace key');
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('history')).toContainText('#user-2-0 → #user-2-1');

    await popup.keyboard.press('Shift+Tab');
    await tabTo(popup, 'Lock');
    await popup.keyboard.press('Enter');
    await expect(popup.getByLabel('Password', { exact: true })).toBeFocused();
    await popup.keyboard.type(PASSWORD);
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Alice', level: 1 })).toBeVisible();
  });
});
