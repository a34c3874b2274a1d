/**
 * A wallet with identities, set up through the UI messages the popup sends (the same Port, the same
 * envelope), from any extension page in either browser.
 */
import type { EntitySummary } from '../../src/shared/ui-api';
import { connectUi, type ScriptablePage, type UiClient } from './ui-messages';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestWallet {
  ui: UiClient;
  user: EntitySummary;
  agent: EntitySummary;
  twin: EntitySummary;
}

/** A new seed, a User "Alice" delegating to an Agent "Alice's agent", and a Twin "Pump 7" controlled by that agent. */
export async function setUpWallet(page: ScriptablePage): Promise<TestWallet> {
  const ui = await connectUi(page);
  const { words } = await ui.call('ui_draftSeed', undefined);
  const confirm = [0, 11, 23].map((index) => ({ index, word: words[index]! }));
  await ui.call('ui_createWallet', { password: TEST_PASSWORD, seed: { source: 'draft', confirm } });
  const { user, agent } = await ui.call('ui_createUserAndAgent', {
    user: { label: 'Alice', keyName: 'alice' },
    agent: { label: "Alice's agent", keyName: 'alice-agent' },
  });
  const twin = await ui.call('ui_createTwin', { label: 'Pump 7', keyName: 'pump-7', agent: agent.did });
  return { ui, user, agent, twin };
}
