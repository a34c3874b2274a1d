/**
 * Who delegates to whom, read from the stored documents without loading or checking them: for the
 * home screen's lines ("Alice delegates authentication to Alice agent") and for the connect prompt,
 * which shares the Agents that sign for a User along with it. Validity is checked where a delegation
 * is used (tokens, the entity view), never here.
 */
import { ENTITY_KINDS, type SharedEntity } from '../../shared/page-api';
import type { ActingAgents, DelegationLink } from '../../shared/ui-api';
import type { EntityRecord } from '../storage';

const LISTS = [
  ['delegateAuthentication', 'authentication'],
  ['delegateControl', 'control'],
] as const;

/** `did` of a `did#fragment` controller reference; null when it is not one. */
function controllerDid(controller: unknown): string | null {
  if (typeof controller !== 'string') return null;
  const hash = controller.indexOf('#');
  return hash > 0 ? controller.slice(0, hash) : null;
}

/** The non-revoked delegations of `record`'s document, one link per delegate and type. */
export function delegationLinksOf(record: EntityRecord): DelegationLink[] {
  const links: DelegationLink[] = [];
  for (const [list, type] of LISTS) {
    const delegations = record.document?.[list];
    if (!Array.isArray(delegations)) continue;
    for (const delegation of delegations as { controller?: unknown; revoked?: unknown }[]) {
      const did = controllerDid(delegation?.controller);
      if (did === null || delegation.revoked === true || links.some((l) => l.did === did && l.type === type)) continue;
      links.push({ did, type });
    }
  }
  return links;
}

/** For each offered User, the wallet's Agents it delegates authentication to (only Users that have some). */
export function actingAgentsOf(records: readonly EntityRecord[], offered: readonly SharedEntity[]): ActingAgents[] {
  const byDid = new Map(records.map((record) => [record.did, record]));
  return offered.flatMap((entity) => {
    const user = byDid.get(entity.did);
    if (!user || user.kind !== 'user') return [];
    const agents = delegationLinksOf(user)
      .filter((link) => link.type === 'authentication')
      .flatMap((link) => {
        const agent = byDid.get(link.did);
        return agent && agent.kind === 'agent' ? [{ did: agent.did, kind: agent.kind, label: agent.label }] : [];
      })
      .sort((a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind));
    return agents.length > 0 ? [{ user: user.did, agents }] : [];
  });
}
