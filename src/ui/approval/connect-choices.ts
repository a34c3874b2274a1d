/**
 * The connect prompt's list: each offered identity once, the Agents that sign for a User under it.
 * Ticking a User ticks its Agents; unticking it unticks those no other ticked User needs.
 */
import type { SharedEntity } from '../../shared/page-api';
import type { ApprovalDetails } from '../../shared/ui-api';

export type ConnectRequest = Extract<ApprovalDetails, { method: 'sigil_connect' }>;

export interface ConnectRow {
  entity: SharedEntity;
  /** The Agents that sign for `entity` (a User); shared along with it by default. */
  agents: SharedEntity[];
}

export interface ConnectChoices {
  rows: ConnectRow[];
  /** What is ticked when the prompt opens: the first identity, with the Agents that sign for it. */
  initial: string[];
  /** The ticked DIDs after one checkbox changed, in the order the list shows them. */
  toggle: (picked: ReadonlySet<string>, did: string, on: boolean) => string[];
}

export function connectChoices(details: ConnectRequest): ConnectChoices {
  const acting = new Map((details.actingAgents ?? []).map((entry) => [entry.user, entry.agents]));
  const agentsOf = (did: string): SharedEntity[] => acting.get(did) ?? [];
  const nested = new Set([...acting.values()].flat().map((agent) => agent.did));
  const rows = details.choices
    .filter((entity) => !nested.has(entity.did) || acting.has(entity.did))
    .map((entity) => ({ entity, agents: agentsOf(entity.did) }));
  const order = [...new Set(rows.flatMap((row) => [row.entity.did, ...row.agents.map((a) => a.did)]))];
  const sorted = (dids: ReadonlySet<string>) => order.filter((did) => dids.has(did));

  const first = rows[0];
  const initial = first ? [first.entity.did, ...first.agents.map((a) => a.did)] : [];

  const toggle = (picked: ReadonlySet<string>, did: string, on: boolean): string[] => {
    const next = new Set(picked);
    const agents = agentsOf(did).map((a) => a.did);
    if (on) for (const each of [did, ...agents]) next.add(each);
    else {
      next.delete(did);
      const stillNeeded = new Set([...next].flatMap((other) => agentsOf(other).map((a) => a.did)));
      for (const agent of agents) if (!stillNeeded.has(agent)) next.delete(agent);
    }
    return sorted(next);
  };

  return { rows, initial: sorted(new Set(initial)), toggle };
}
