import { useState } from 'preact/hooks';
import type { WalletState } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';
import { ChoosePassword } from './ChoosePassword';
import { ConfirmWords } from './ConfirmWords';
import { ImportSeed } from './ImportSeed';
import { RestoreIdentities } from '../recovery/RestoreIdentities';
import { RestoreBackup } from './RestoreBackup';
import { SetupDone } from './SetupDone';
import { SetupResolver } from './SetupResolver';
import { ShowWords } from './ShowWords';
import { Welcome, type SetupPath } from './Welcome';

type Step =
  | { name: 'welcome' }
  | { name: 'password'; path: 'create' | 'import' }
  | { name: 'drafting' }
  | { name: 'words' }
  | { name: 'confirm' }
  | { name: 'import' }
  | { name: 'backup' }
  | { name: 'resolver' }
  | { name: 'restore' }
  | { name: 'done' };

export interface OnboardingProps {
  /** The wallet exists now (created, imported or restored). */
  onCreated: (state: WalletState) => void;
  /** A backup brought a whole wallet back: set-up ends there. */
  onRestored: (state: WalletState) => void;
  /** The person leaves the last set-up screen. */
  onFinished: () => void;
  /** Starts at the end screen, when set-up already created the wallet. */
  finished: boolean;
  /** A newer wallet state (e.g. after the resolver step saved an address). */
  onStateChanged: (state: WalletState) => void;
}

/**
 * Set-up of an empty wallet. The password and the new phrase live only in this component's state,
 * for as long as set-up lasts; the background holds the draft seed.
 */
export function Onboarding({ onCreated, onRestored, onFinished, finished, onStateChanged }: OnboardingProps) {
  const [step, setStep] = useState<Step>(finished ? { name: 'done' } : { name: 'welcome' });
  const [password, setPassword] = useState('');
  const [words, setWords] = useState<string[]>([]);
  const [restoring, setRestoring] = useState(false);
  const draft = useAction(async () => {
    const drafted = await callBackground('ui_draftSeed', undefined);
    setWords(drafted.words);
    setStep({ name: 'words' });
  });

  const created = (state: WalletState) => {
    setPassword('');
    setWords([]);
    // Builds without a default resolver (release builds) ask for one before the wallet opens.
    setStep(state.resolverUrl === '' ? { name: 'resolver' } : { name: 'done' });
    onCreated(state);
  };

  const choose = (path: SetupPath) => setStep(path === 'backup' ? { name: 'backup' } : { name: 'password', path });

  switch (step.name) {
    case 'welcome':
      return <Welcome onChoose={choose} />;
    case 'password':
      return (
        <ChoosePassword
          back={() => setStep({ name: 'welcome' })}
          onChosen={(chosen) => {
            setPassword(chosen);
            if (step.path === 'import') setStep({ name: 'import' });
            else {
              setStep({ name: 'drafting' });
              void draft.run();
            }
          }}
        />
      );
    case 'drafting':
      return (
        <Screen name="drafting" title="Your recovery phrase">
          {draft.error ? (
            <>
              <FormError message={draft.error} />
              <div class="actions">
                <button type="button" onClick={() => setStep({ name: 'welcome' })}>
                  Back
                </button>
                <button type="button" class="primary" onClick={() => void draft.run()}>
                  Try again
                </button>
              </div>
            </>
          ) : (
            <div aria-busy="true">
              <SkeletonLines lines={6} />
            </div>
          )}
        </Screen>
      );
    case 'words':
      return <ShowWords words={words} back={() => setStep({ name: 'password', path: 'create' })} onWritten={() => setStep({ name: 'confirm' })} />;
    case 'confirm':
      return (
        <ConfirmWords
          words={words}
          onConfirm={async (confirm) => created(await callBackground('ui_createWallet', { password, seed: { source: 'draft', confirm } }))}
          showWordsAgain={() => setStep({ name: 'words' })}
          submitLabel="Create wallet"
          busyLabel="Creating…"
        />
      );
    case 'import':
      return (
        <ImportSeed
          password={password}
          onCreated={(state) => {
            // A restored phrase brings its identities back from the resolver (asked for first when none is set).
            setRestoring(true);
            created(state);
            if (state.resolverUrl !== '') setStep({ name: 'restore' });
          }}
          back={() => setStep({ name: 'password', path: 'import' })}
        />
      );
    case 'restore':
      return <RestoreIdentities onDone={() => setStep({ name: 'done' })} doneLabel="Continue" />;
    case 'backup':
      return <RestoreBackup onRestored={onRestored} back={() => setStep({ name: 'welcome' })} />;
    case 'resolver':
      return <SetupResolver onState={onStateChanged} onDone={() => setStep(restoring ? { name: 'restore' } : { name: 'done' })} />;
    case 'done':
      return <SetupDone onFinish={onFinished} />;
  }
}
