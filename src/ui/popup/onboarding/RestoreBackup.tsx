import type { WalletState } from '../../../shared/ui-api';
import { Screen } from '../../components/Screen';
import { ImportBackupForm } from '../forms/ImportBackupForm';

/** Set-up from a backup file: the wallet comes back as it was, with its password. */
export function RestoreBackup({ onRestored, back }: { onRestored: (state: WalletState) => void; back: () => void }) {
  return (
    <Screen name="restore-backup" title="Restore a backup">
      <ImportBackupForm replaceExisting={false} tabRoute="#/" onImported={onRestored} />
      <div class="actions">
        <button type="button" onClick={back}>
          Back
        </button>
      </div>
    </Screen>
  );
}
