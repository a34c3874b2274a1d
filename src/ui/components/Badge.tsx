import type { IdentityFormat } from '../../core/types';
import type { EntityKind, Stage } from '../../shared/page-api';
import { FORMAT_NAMES, FORMAT_TITLES } from './identity-format';

export const KIND_NAMES: Record<EntityKind, string> = { user: 'User', agent: 'Agent', twin: 'Twin' };

export function KindBadge({ kind }: { kind: EntityKind }) {
  return <span class={`badge kind-${kind}`}>{KIND_NAMES[kind]}</span>;
}

export function StageBadge({ stage }: { stage: Stage }) {
  return stage === 'registered' ? (
    <span class="badge ok" title="Accepted by the resolver">Registered</span>
  ) : (
    <span class="badge" title="Signed and kept in this wallet; not yet accepted by a resolver">Local</span>
  );
}

export function FormatBadge({ format }: { format: IdentityFormat }) {
  return (
    <span class={`badge format-${format}`} title={FORMAT_TITLES[format]} data-format={format}>
      {FORMAT_NAMES[format]}
    </span>
  );
}
