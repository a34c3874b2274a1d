import { useRef, useState } from 'preact/hooks';
import type { PendingView } from '../../shared/ui-api';
import { SHORT } from './describe';
import { RequestCard } from './RequestCard';
import { nextShownCard, type ShownCard } from './shown-card';

/**
 * The waiting requests, oldest first: one shown in full, the others one click away. When the card
 * on screen is replaced by another one without the person asking (its site withdrew it), the new
 * card says so; either way the new card arms its approve button afresh.
 */
export function RequestQueue({ requests, canApprove }: { requests: PendingView[]; canApprove: boolean }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = requests.find((request) => request.id === selectedId) ?? requests[0]!;
  const position = requests.indexOf(selected) + 1;
  // Refs, not state: this is bookkeeping about what was last rendered, read again on the next render.
  const shown = useRef<ShownCard | null>(null);
  const decided = useRef(new Set<string>());
  shown.current = nextShownCard(shown.current, selected.id, { decided: decided.current, chosen: selectedId });

  return (
    <>
      {requests.length > 1 && (
        <nav class="queue" aria-label="Waiting requests">
          <p class="muted" data-testid="queue-position">
            Request {position} of {requests.length}
          </p>
          <ol>
            {requests.map((request) => (
              <li key={request.id}>
                <button
                  type="button"
                  class="small"
                  aria-current={request.id === selected.id ? 'true' : undefined}
                  onClick={() => setSelectedId(request.id)}
                >
                  {SHORT[request.details.method]} · {request.origin}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <RequestCard
        key={selected.id}
        request={selected}
        canApprove={canApprove}
        replacedNotice={shown.current.replacedWithoutAsking}
        onDeciding={(id) => decided.current.add(id)}
      />
    </>
  );
}
