import { useAction } from '../../components/use-action';
import { openApprovalWindow } from '../open-in-tab';

/** Requests from sites waiting for the person, with the way to them. */
export function PendingBanner({ count }: { count: number }) {
  const open = useAction(openApprovalWindow);
  if (count === 0) return null;
  return (
    <div class="pending-banner" data-testid="pending-banner">
      <p role="status">
        <strong>{count}</strong> {count === 1 ? 'request is' : 'requests are'} waiting for your approval.
      </p>
      <button type="button" class="primary small" onClick={() => void open.run()}>
        Review
      </button>
      {open.error && (
        <p class="error" role="alert">
          {open.error} <a href="approve.html" target="_blank">Open the approval page</a>.
        </p>
      )}
    </div>
  );
}
