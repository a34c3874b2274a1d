import type { EntityKind } from '../../../shared/page-api';
import type { EntitySummary } from '../../../shared/ui-api';
import { FormatBadge, StageBadge } from '../../components/Badge';
import { shortDid } from '../../components/format';
import { href } from '../route';

const GROUPS: { kind: EntityKind; title: string }[] = [
  { kind: 'user', title: 'Users' },
  { kind: 'agent', title: 'Agents' },
  { kind: 'twin', title: 'Twins' },
];

/** "delegates authentication to Alice agent", "signs for Alice": each entity's delegations, both ways, in words. */
function relationsOf(entity: EntitySummary, entities: readonly EntitySummary[]): string[] {
  const label = (did: string) => entities.find((other) => other.did === did)?.label ?? shortDid(did);
  const given = (entity.delegatesTo ?? []).map((link) => `delegates ${link.type} to ${label(link.did)}`);
  const received = entities.flatMap((other) =>
    (other.delegatesTo ?? [])
      .filter((link) => link.did === entity.did && other.did !== entity.did)
      .map((link) => (link.type === 'authentication' ? `signs for ${other.label}` : `acts for ${other.label}`)),
  );
  return [...given, ...received];
}

/** The wallet's entities, one list per kind, each entry a link to its page with who it delegates to. */
export function EntityGroups({ entities }: { entities: readonly EntitySummary[] }) {
  return (
    <div data-testid="entity-groups">
      {GROUPS.map(({ kind, title }) => {
        const members = entities.filter((entity) => entity.kind === kind).sort((a, b) => a.label.localeCompare(b.label) || a.createdAt - b.createdAt);
        if (members.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`group-${kind}`}>
            <h2 class="group-title" id={`group-${kind}`}>
              {title} <span aria-label={`${members.length} ${title.toLowerCase()}`}>({members.length})</span>
            </h2>
            <ul class="entity-list">
              {members.map((entity) => (
                <li key={entity.did}>
                  <a class="entity-link" href={href({ screen: 'entity', did: entity.did })}>
                    <span class="text">
                      <span class="label">{entity.label}</span>
                      <span class="did" title={entity.did}>
                        {shortDid(entity.did)}
                      </span>
                      {relationsOf(entity, entities).map((relation) => (
                        <span class="relation" key={relation} data-testid="entity-relation">
                          {relation}
                        </span>
                      ))}
                    </span>
                    {/* Sigil's own format is the default: only the other one is marked. */}
                    {entity.format === 'iotics' && <FormatBadge format="iotics" />}
                    <StageBadge stage={entity.stage} />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
