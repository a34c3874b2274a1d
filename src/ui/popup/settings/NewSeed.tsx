import { useState } from 'preact/hooks';
import type { SeedView } from '../../../shared/ui-api';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { SkeletonLines } from '../../components/Skeleton';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/use-action';
import { ConfirmWords } from '../onboarding/ConfirmWords';
import { ShowWords } from '../onboarding/ShowWords';
import { href } from '../route';

type Step = 'label' | 'words' | 'confirm' | 'done';

const BACK = href({ screen: 'settings', section: 'seeds' });

/**
 * A new seed for an unlocked wallet, made like set-up's: the background drafts it, the words are
 * shown (hidden until revealed), three are picked back, and only then is the seed kept. The words
 * live only in this component's state while the flow lasts.
 */
export function NewSeed() {
  const [step, setStep] = useState<Step>('label');
  const [label, setLabel] = useState('');
  const [words, setWords] = useState<string[]>([]);
  const [added, setAdded] = useState<SeedView | null>(null);
  const draft = useAction(async () => {
    setWords((await callBackground('ui_draftSeed', undefined)).words);
    setStep('words');
  });

  switch (step) {
    case 'label':
      return (
        <Screen name="settings-new-seed" title="Create a new seed" back={BACK}>
          <p>
            Sigil makes a new 24-word recovery phrase. Identities you create from it are recovered with these words, not with your first
            phrase: write them down too.
          </p>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void draft.run();
            }}
          >
            <TextField label="Seed label (optional)" value={label} onInput={setLabel} maxLength={64} hint="For example “Work” or “Devices”." />
            <div class="actions">
              <button type="submit" class="primary" disabled={draft.busy}>
                {draft.busy ? 'Making the words…' : 'Make the words'}
              </button>
            </div>
            {draft.busy && <SkeletonLines lines={2} />}
            <FormError message={draft.error} />
          </form>
        </Screen>
      );
    case 'words':
      return <ShowWords words={words} back={() => setStep('label')} onWritten={() => setStep('confirm')} />;
    case 'confirm':
      return (
        <ConfirmWords
          words={words}
          onConfirm={async (confirm) => {
            const seed = await callBackground('ui_addSeed', { seed: { source: 'draft', confirm }, ...(label.trim() ? { label: label.trim() } : {}) });
            setWords([]);
            setAdded(seed);
            setStep('done');
          }}
          showWordsAgain={() => setStep('words')}
          submitLabel="Add seed"
          busyLabel="Adding…"
        />
      );
    case 'done':
      return (
        <Screen name="settings-new-seed-done" title="New seed added">
          <p class="notice success" role="status" data-testid="new-seed-added">
            <strong>{added?.label}</strong> is in your wallet. New identities can be created from it: choose it under “Seed” when you
            create one.
          </p>
          <div class="actions">
            <a class="button-link" href={BACK}>
              Back to seeds
            </a>
            <a class="button-link primary" href={href({ screen: 'create', flow: null })}>
              Create an identity
            </a>
          </div>
        </Screen>
      );
  }
}
