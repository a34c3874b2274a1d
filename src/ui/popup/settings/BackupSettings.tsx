import { useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { downloadTextFile } from '../../components/download';
import { FormError } from '../../components/FormError';
import { PasswordField } from '../../components/PasswordField';
import { useAction } from '../../components/use-action';
import { setFlash } from '../flash';
import { ImportBackupForm } from '../forms/ImportBackupForm';
import { navigate } from '../route';

/** Export the encrypted wallet as a file; restore one. */
export function BackupSettings({ onState }: { onState: (state: WalletState) => void }) {
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const exportBackup = useAction(async () => {
    const backup = await callBackground('ui_exportBackup', { password });
    setPassword('');
    downloadTextFile(backup.fileName, backup.contents);
    setExported(backup.fileName);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    setExported(null);
    setPasswordError(password ? null : 'Enter your password to export.');
    if (password) void exportBackup.run();
  };
  return (
    <>
      <h2>Export</h2>
      <p class="muted">One encrypted file with your seeds, imported keys, identities and settings. It opens only with the wallet password of today.</p>
      <form onSubmit={submit} noValidate aria-label="Export a backup">
        <PasswordField label="Password" value={password} onInput={setPassword} autoComplete="current-password" error={passwordError} />
        <div class="actions">
          <button type="submit" class="primary" disabled={exportBackup.busy}>
            {exportBackup.busy ? 'Exporting…' : 'Download backup'}
          </button>
        </div>
        <FormError message={exportBackup.error} />
        {exported && (
          <p class="notice success" role="status">
            Saved as {exported}. Keep it somewhere safe, away from this device too.
          </p>
        )}
      </form>
      <h2>Restore</h2>
      <ImportBackupForm
        replaceExisting
        tabRoute="#/settings/backup"
        onImported={(state) => {
          // The wallet is replaced and re-unlocked, so this screen may be rebuilt: say it on the home screen.
          setFlash('Backup restored.');
          navigate({ screen: 'home' });
          onState(state);
        }}
      />
    </>
  );
}
