/** The connect prompt's list: a User's Agents under it, ticked and unticked with it. */
import { describe, expect, it } from 'vitest';
import { connectChoices, type ConnectRequest } from '../../../src/ui/approval/connect-choices';

const alice = { did: 'did:iotics:alice', kind: 'user', label: 'Alice' } as const;
const bob = { did: 'did:iotics:bob', kind: 'user', label: 'Bob' } as const;
const shared = { did: 'did:iotics:shared-agent', kind: 'agent', label: 'Shared agent' } as const;
const aliceAgent = { did: 'did:iotics:alice-agent', kind: 'agent', label: 'Alice agent' } as const;
const pump = { did: 'did:iotics:pump', kind: 'twin', label: 'Pump' } as const;

const request = (overrides: Partial<ConnectRequest> = {}): ConnectRequest => ({
  method: 'sigil_connect',
  kinds: null,
  choices: [alice, bob, aliceAgent, shared, pump],
  actingAgents: [
    { user: alice.did, agents: [aliceAgent, shared] },
    { user: bob.did, agents: [shared] },
  ],
  ...overrides,
});

describe('connect choices', () => {
  it('lists each identity once, the Agents that sign for a User under it', () => {
    const { rows } = connectChoices(request());
    expect(rows.map((row) => [row.entity.label, row.agents.map((a) => a.label)])).toEqual([
      ['Alice', ['Alice agent', 'Shared agent']],
      ['Bob', ['Shared agent']],
      ['Pump', []],
    ]);
  });

  it('starts with the first identity and the Agents that sign for it ticked', () => {
    expect(connectChoices(request()).initial).toEqual([alice.did, aliceAgent.did, shared.did]);
  });

  it('ticks a User with its Agents, and unticks only the Agents no other ticked User needs', () => {
    const { toggle } = connectChoices(request());
    const both = toggle(new Set([alice.did, aliceAgent.did, shared.did]), bob.did, true);
    expect(both).toEqual([alice.did, aliceAgent.did, shared.did, bob.did]);
    expect(toggle(new Set(both), alice.did, false)).toEqual([shared.did, bob.did]);
    expect(toggle(new Set([bob.did, shared.did]), shared.did, false)).toEqual([bob.did]);
  });

  it('offers the Agents of a User to a site that asked for Users only, and works for requests queued without them', () => {
    const usersOnly = connectChoices(request({ kinds: ['user'], choices: [alice] }));
    expect(usersOnly.rows).toEqual([{ entity: alice, agents: [aliceAgent, shared] }]);
    const { actingAgents: _dropped, ...older } = request();
    expect(connectChoices(older).initial).toEqual([alice.did]);
  });
});
