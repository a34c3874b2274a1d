/**
 * The wallet of the reference vectors (../shared/vectors): the seed 000102…1f, the User "alice",
 * her Agent "alice-agent" (authentication delegation) and the Twin "thermostat-1" (control
 * delegation), created through the UI messages the popup sends.
 */
import type { EntitySummary } from '../../src/shared/ui-api';
import { connectUi, type ScriptablePage, type UiClient } from './ui-messages';
import { VECTOR_ENTROPY_HEX } from './vectors';

export const VECTOR_PASSWORD = 'vector wallet password';

export interface VectorWallet {
  ui: UiClient;
  user: EntitySummary;
  agent: EntitySummary;
  twin: EntitySummary;
}

export async function setUpVectorWallet(page: ScriptablePage, options: { resolverUrl?: string } = {}): Promise<VectorWallet> {
  const ui = await connectUi(page);
  await ui.call('ui_createWallet', { password: VECTOR_PASSWORD, seed: { source: 'hex', hex: VECTOR_ENTROPY_HEX }, label: 'Vectors' });
  if (options.resolverUrl) await ui.call('ui_setResolverUrl', { url: options.resolverUrl });
  const { user, agent } = await ui.call('ui_createUserAndAgent', {
    user: { label: 'Alice', keyName: 'alice' },
    agent: { label: "Alice's agent", keyName: 'alice-agent' },
  });
  const twin = await ui.call('ui_createTwin', { label: 'Thermostat', keyName: 'thermostat-1', agent: agent.did });
  return { ui, user, agent, twin };
}
