import type { HistoryView, KeyView } from '../../../shared/ui-api';
import { StageBadge } from '../../components/Badge';

/** The identity chain, entry by entry: creation, then each key replacement and who signed it. */
export function HistoryList({ history, keys }: { history: readonly HistoryView[]; keys: readonly KeyView[] }) {
  const entries = [...history].sort((a, b) => a.height - b.height);
  const initialKeys = keys.filter((key) => key.activatedHeight === 0).sort((a, b) => a.priority - b.priority);
  return (
    <ol class="timeline" data-testid="history">
      {entries.map((entry) => (
        <li key={entry.entryHash} data-height={entry.height}>
          <div class="spread">
            <strong>
              Height {entry.height}: {entry.kind === 'created' ? 'identity created' : 'key replaced'}
            </strong>
            <StageBadge stage={entry.stage} />
          </div>
          <div>
            {entry.kind === 'created' ? (
              <>With keys {initialKeys.map((key) => key.id).join(', ')}.</>
            ) : (
              <>
                <span class="mono">{entry.oldKeyId}</span> → <span class="mono">{entry.newKeyId}</span>, signed by <span class="mono">{entry.signerKeyId}</span>.
              </>
            )}
          </div>
          <div class="mono muted">entry {entry.entryHash}</div>
        </li>
      ))}
    </ol>
  );
}
