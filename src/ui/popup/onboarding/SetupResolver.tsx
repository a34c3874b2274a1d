import { useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { askHostAccess, urlProblem } from '../settings/resolver-address';

/**
 * Set-up's resolver step, for builds without a default resolver (release builds): where identities
 * get registered so that sites can verify them. Skipping keeps them "Local"; Settings can set it later.
 */
export function SetupResolver({ onDone, onState }: { onDone: () => void; onState: (state: WalletState) => void }) {
  const [url, setUrl] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const save = useAction(async (value: string, access: Promise<boolean>) => {
    await access;
    onState(await callBackground('ui_setResolverUrl', { url: value }));
    onDone();
  });
  const submit = (event: Event) => {
    event.preventDefault();
    const value = url.trim();
    const problem = value === '' ? 'Type the resolver’s address, or skip this step.' : urlProblem(value);
    setFieldError(problem);
    // Asked in the submit handler itself: browsers show the access request only during the person's action.
    if (!problem) void save.run(value, askHostAccess(value));
  };
  return (
    <Screen name="setup-resolver" title="Choose a resolver">
      <p>
        A resolver publishes your identities’ public documents. Sites look them up there to verify the sign-in tokens you give them.
      </p>
      <p class="muted">
        Without one, your identities stay “Local”: they work in this wallet, but no site can verify them. You can set a resolver later in
        Settings.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          label="Resolver address"
          type="url"
          value={url}
          onInput={setUrl}
          error={fieldError}
          placeholder="https://resolver.example.com"
          hint="Sigil asks the browser for access to this address."
        />
        <div class="actions">
          <button type="button" onClick={onDone} disabled={save.busy}>
            Skip
          </button>
          <button type="submit" class="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Use this resolver'}
          </button>
        </div>
        <FormError message={save.error} />
      </form>
    </Screen>
  );
}
