import type { KeyView } from '../../../shared/ui-api';

/** A key as the replacement screens name it: id, priority, and the full idpub. */
export function KeySummary({ keyView }: { keyView: KeyView }) {
  return (
    <>
      <span class="mono">{keyView.id}</span> <span class="muted">(priority {keyView.priority})</span>
      <div class="mono muted">{keyView.idpub}</div>
    </>
  );
}
