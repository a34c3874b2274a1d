import { Screen } from '../../components/Screen';
import { ImportIdsecForm } from '../forms/ImportIdsecForm';

/** The end of set-up: what comes next, and the optional import of a Factom key. */
export function SetupDone({ onFinish }: { onFinish: () => void }) {
  return (
    <Screen name="setup-done" title="Your wallet is ready">
      <p>Next, create your identities: a User and an Agent that acts for it, or a Twin.</p>
      <button type="button" class="primary" onClick={onFinish}>
        Open my wallet
      </button>
      <h2>Import a Factom key (optional)</h2>
      <ImportIdsecForm />
    </Screen>
  );
}
