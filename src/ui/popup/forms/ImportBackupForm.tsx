import { useId, useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { readTextFile } from '../../components/download';
import { FormError } from '../../components/FormError';
import { PasswordField } from '../../components/PasswordField';
import { useAction } from '../../components/use-action';
import { isInToolbarPopup, openInTab } from '../open-in-tab';

const MAX_BACKUP_BYTES = 16 * 1024 * 1024;

export interface ImportBackupFormProps {
  /** True when the backup replaces a wallet that exists (locked, damaged or unlocked). */
  replaceExisting: boolean;
  /** The hash route to reopen in a tab when the picker should not run in the toolbar popup. */
  tabRoute: string;
  onImported: (state: WalletState) => void;
}

/** Picks a Sigil backup file and restores it with the password it was made with. */
export function ImportBackupForm({ replaceExisting, tabRoute, onImported }: ImportBackupFormProps) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const action = useAction(async (picked: File) => {
    const contents = await readTextFile(picked, MAX_BACKUP_BYTES);
    const state = await callBackground('ui_importBackup', { contents, password, ...(replaceExisting ? { replaceExisting: true } : {}) });
    setPassword('');
    onImported(state);
  });

  const submit = (event: Event) => {
    event.preventDefault();
    setFileError(file ? null : 'Choose the backup file first.');
    setPasswordError(password ? null : 'Enter the password the backup was made with.');
    if (file && password) void action.run(file);
  };

  return (
    <form onSubmit={submit} aria-label="Restore a backup file" noValidate>
      {isInToolbarPopup() && (
        <p class="notice info">
          Choosing a file can close this small window in some browsers.{' '}
          <button type="button" class="link" onClick={() => void openInTab(tabRoute)}>
            Open Sigil in a tab
          </button>{' '}
          to be safe.
        </p>
      )}
      <div class="field">
        <label for={fileId}>Backup file</label>
        <input
          id={fileId}
          type="file"
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={fileError ? `${fileId}-error` : undefined}
          onChange={(event) => setFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null)}
        />
        {fileError && (
          <div id={`${fileId}-error`} class="field-error" role="alert">
            {fileError}
          </div>
        )}
      </div>
      <PasswordField label="Backup password" value={password} onInput={setPassword} autoComplete="current-password" error={passwordError} hint="The wallet password at the time the backup was made." />
      {replaceExisting && <p class="notice warning">Restoring replaces everything in this wallet with the backup’s contents.</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Restoring…' : 'Restore backup'}
        </button>
      </div>
      <FormError message={action.error} />
    </form>
  );
}
