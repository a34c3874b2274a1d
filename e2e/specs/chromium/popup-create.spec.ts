import { expect, test } from '../../support/chromium';
import { createUserAndAgentByMessages, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, openPopup } from '../../support/popup-chromium';

const entities = async (page: Parameters<typeof uiCall>[0]) => (await uiCall(page, 'ui_entities')).entities;

test.describe('popup: creating identities (Chromium)', () => {
  test('a User and an Agent in one flow, with default key names (a custom one warned about) and public names, listed by kind', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await popup.reload();
    await popup.getByRole('link', { name: 'Create a User and an Agent' }).click();
    await expect(popup.getByRole('heading', { name: 'Create: User and Agent' })).toBeVisible();

    // Nothing typed: the error sits under the field and nothing is created.
    await popup.getByRole('button', { name: 'Create User and Agent' }).click();
    await expect(popup.getByRole('group', { name: 'User' }).getByText('Give it a label, e.g. a person’s or a device’s name.')).toBeVisible();
    expect(await entities(popup)).toEqual([]);

    await popup.getByLabel('User label').fill('Zoë Müller');
    // Default key names: nothing to type, and the phrase alone finds the identities again.
    await expect(popup.getByTestId('default-key-name')).toHaveCount(2);
    await expect(popup.getByLabel('User key name')).toHaveCount(0);
    await expect(popup.getByLabel('Agent label')).toHaveValue('Zoë Müller agent');
    // A key name the person chooses is possible, with the warning to write it down.
    await popup.getByRole('button', { name: 'Choose the Agent key name' }).click();
    await popup.getByLabel('Agent key name').fill('zoe laptop agent');
    await expect(popup.getByTestId('custom-key-name-warning')).toContainText('Restoring the phrase alone will not find this Agent');
    await popup.getByLabel('User label').fill('Zoë');
    await expect(popup.getByLabel('Agent key name')).toHaveValue('zoe laptop agent');
    await expect(popup.getByText(/Secret\. With your recovery phrase it recreates this entity’s keys/).first()).toBeVisible();
    await popup.getByRole('button', { name: 'Add public names to the User' }).click();
    await expect(popup.getByLabel('User extra names (optional)')).toBeFocused();
    await expect(popup.getByText('Names are public:')).toBeVisible();
    await popup.getByLabel('User extra names (optional)').fill('zoe@example.org\nZoë M.');
    await capture(popup, 'create-user-agent');
    await popup.getByRole('button', { name: 'Create User and Agent' }).click();
    await expect(popup.getByTestId('created')).toContainText('Zoë delegates authentication to Zoë agent');
    await capture(popup, 'create-user-agent-done');

    const made = await entities(popup);
    expect(made.map((e) => [e.kind, e.label]).sort()).toEqual([
      ['agent', 'Zoë agent'],
      ['user', 'Zoë'],
    ]);
    const user = made.find((e) => e.kind === 'user')!;
    const view = await uiCall(popup, 'ui_entity', { did: user.did });
    expect(view.names).toEqual([user.did, 'zoe@example.org', 'Zoë M.']);
    expect(view.delegations).toEqual([expect.objectContaining({ direction: 'given', type: 'authentication', status: 'valid' })]);

    // The same key names again would make the same identities: the background refuses, the form says so.
    await popup.getByRole('button', { name: 'Create another' }).click();
    await popup.getByLabel('User label').fill('Zoë');
    await popup.getByRole('button', { name: 'Choose the Agent key name' }).click();
    await popup.getByLabel('Agent key name').fill('zoe laptop agent');
    await popup.getByRole('button', { name: 'Create User and Agent' }).click();
    await expect(popup.locator('.form-error')).toBeVisible();
    await capture(popup, 'create-user-agent-error');
    expect(await entities(popup)).toHaveLength(2);

    await popup.getByRole('link', { name: 'Sigil' }).click();
    const users = popup.getByRole('region', { name: /Users/ });
    const agents = popup.getByRole('region', { name: /Agents/ });
    await expect(users.getByRole('link')).toHaveText([/Zoë/]);
    await expect(agents.getByRole('link')).toHaveText([/Zoë agent/]);
    await expect(popup.getByRole('region', { name: /Twins/ })).toHaveCount(0);
    await capture(popup, 'home');
  });

  test('a Twin delegates control to the Agent chosen in the list', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/create/twin`);
    await popup.reload(); // a fresh load: the wallet set up by messages must not re-route this screen
    await expect(popup.getByText('A Twin delegates control to an Agent, and this wallet has no Agent yet.')).toBeVisible();
    await capture(popup, 'create-twin-no-agent');

    await createUserAndAgentByMessages(popup, 'Ann', 'Ann agent');
    const { agent: second } = await createUserAndAgentByMessages(popup, 'Bob', 'Bob agent');
    await expect(popup.getByLabel('Controlling Agent')).toBeVisible();
    const agentChoice = popup.getByLabel('Controlling Agent');
    await expect(agentChoice.locator('option')).toHaveText([/^Ann agent \(iot/, /^Bob agent \(iot/]);
    await agentChoice.selectOption(second.did);
    await popup.getByLabel('Label', { exact: true }).fill('Thermostat');
    await expect(popup.getByTestId('default-key-name')).toContainText('Your recovery phrase alone finds this Twin again.');
    await capture(popup, 'create-twin');
    await popup.getByRole('button', { name: 'Create Twin' }).click();
    await expect(popup.getByTestId('created')).toContainText('Thermostat delegates control to Bob agent');

    const twin = (await entities(popup)).find((e) => e.kind === 'twin')!;
    await popup.getByTestId('created').getByRole('link', { name: 'Thermostat' }).click();
    const given = popup.getByTestId('delegations').locator('[data-delegation]');
    await expect(given).toHaveCount(1);
    await expect(given).toContainText('Delegates control to Bob agent');
    await expect(given).toContainText('Valid');
    await expect(given).toContainText(`controller ${second.did}#agent-2-0`);

    // The Agent's page shows the same delegation from its side.
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/entity/${encodeURIComponent(second.did)}`);
    const received = popup.getByTestId('delegations');
    await expect(received.getByRole('heading', { name: 'Received' })).toBeVisible();
    await expect(received).toContainText('Thermostat delegates control to this Agent');
    await expect(received).toContainText('Bob delegates authentication to this Agent');
    expect(twin.label).toBe('Thermostat');
  });

  test('a single entity of each kind', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/create`);
    await popup.reload(); // a fresh load: the wallet set up by messages must not re-route this screen
    await capture(popup, 'create-menu');
    await popup.getByRole('link', { name: /Single entity/ }).click();
    for (const [kind, label] of [
      ['User', 'Carol'],
      ['Agent', 'Build server'],
      ['Twin', 'Weather station'],
    ] as const) {
      await popup.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
      await popup.getByLabel('Label', { exact: true }).fill(label);
      if (kind === 'Twin') await capture(popup, 'create-single');
      await popup.getByRole('button', { name: `Create ${kind}` }).click();
      await expect(popup.getByTestId('created')).toContainText(`Created ${kind} ${label}.`);
      await popup.getByRole('button', { name: 'Create another' }).click();
    }
    const made = await entities(popup);
    expect(made.map((e) => `${e.kind}:${e.label}`).sort()).toEqual(['agent:Build server', 'twin:Weather station', 'user:Carol']);
    // No delegation is made by the single flow.
    for (const entity of made) {
      const view = await uiCall(popup, 'ui_entity', { did: entity.did });
      expect(view.delegations).toEqual([]);
    }
  });
});
