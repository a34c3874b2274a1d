import type { Stage } from '../../../shared/page-api';
import { StageBadge } from '../../components/Badge';

/** What the two stage badges of the list mean, shown under it for the stages the list uses. */
export function StageLegend({ stages }: { stages: ReadonlySet<Stage> }) {
  return (
    <dl class="stage-legend" data-testid="stage-legend">
      {stages.has('local') && (
        <div>
          <dt>
            <StageBadge stage="local" />
          </dt>{' '}
          <dd>signed and kept in this wallet, not yet accepted by a resolver: sites cannot look it up, so they cannot verify its tokens.</dd>
        </div>
      )}
      {stages.has('registered') && (
        <div>
          <dt>
            <StageBadge stage="registered" />
          </dt>{' '}
          <dd>accepted by your resolver: any site can look up its document and verify the tokens it signs.</dd>
        </div>
      )}
    </dl>
  );
}
