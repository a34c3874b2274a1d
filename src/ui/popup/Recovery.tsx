import type { WalletState } from '../../shared/ui-api';
import { callBackground } from '../background-client';
import { FormError } from '../components/FormError';
import { Screen } from '../components/Screen';
import { useAction } from '../components/use-action';
import { ImportBackupForm } from './forms/ImportBackupForm';

/**
 * The stored wallet cannot be read. 'recovery': the primary record is damaged but the saved copy is
 * intact, so the copy can be restored. 'damaged': only a backup file can bring the wallet back.
 */
export function Recovery({ state, onState }: { state: WalletState; onState: (state: WalletState) => void }) {
  const restore = useAction(async () => onState(await callBackground('ui_restoreCopy', undefined)));
  const copyIntact = state.vault === 'recovery';
  return (
    <Screen name="recovery" title="Sigil needs repair">
      <p class="notice danger" role="alert">
        {state.problem ?? (copyIntact ? 'The wallet’s stored data is damaged, but a saved copy is intact.' : 'The wallet’s stored data is damaged.')}
      </p>
      {copyIntact && (
        <>
          <h2>Restore the saved copy</h2>
          <p class="muted">Sigil keeps a second copy of your encrypted wallet. Restoring it brings back your wallet as of its last good save; you unlock it with your password as usual.</p>
          <button type="button" class="primary" onClick={() => void restore.run()} disabled={restore.busy}>
            {restore.busy ? 'Restoring…' : 'Restore the saved copy'}
          </button>
          <FormError message={restore.error} />
        </>
      )}
      <h2>{copyIntact ? 'Or restore a backup file' : 'Restore a backup file'}</h2>
      <ImportBackupForm replaceExisting tabRoute="#/" onImported={onState} />
    </Screen>
  );
}
