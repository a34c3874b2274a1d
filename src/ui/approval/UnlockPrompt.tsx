import { UnlockForm } from '../components/UnlockForm';

/** The locked wallet, in the approval window: sites wait until the person unlocks it. */
export function UnlockPrompt({ origins, onUnlocked }: { origins: string[]; onUnlocked: () => void }) {
  return (
    <section class="unlock" data-testid="approval-unlock" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Unlock Sigil</h1>
      {origins.length > 0 ? (
        <>
          <p>Sigil is locked. These sites are waiting for you:</p>
          <ul class="plain-list" data-testid="waiting-origins">
            {origins.map((origin) => (
              <li key={origin}>
                <strong>{origin}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Sigil is locked.</p>
      )}
      <UnlockForm onUnlocked={() => onUnlocked()} />
      <p class="muted small">Closing this window turns the waiting requests down.</p>
    </section>
  );
}
