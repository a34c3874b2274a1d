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

/** The wallet's entities, one list per kind, each entry a link to its page. */
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
