import { SkeletonLines, SkeletonRows } from '../components/Skeleton';

/**
 * What shows until the first ui_state answer: the same frame as the real screens, so nothing jumps.
 * popup.html carries the same shapes in static HTML for the moment before the script runs.
 */
export function LoadingScreen({ error, retry }: { error: string | null; retry: () => void }) {
  return (
    <section class="screen" aria-busy={!error} aria-label="Loading Sigil">
      {error ? (
        <div role="alert">
          <p class="form-error">Sigil did not answer: {error}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={retry}>
              Try again
            </button>
          </div>
        </div>
      ) : (
        <>
          <SkeletonLines lines={2} />
          <SkeletonRows rows={4} />
        </>
      )}
    </section>
  );
}
