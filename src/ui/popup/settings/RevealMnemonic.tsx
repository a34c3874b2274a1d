import { useState } from 'preact/hooks';
import { callBackground } from '../../background-client';
import { FormError } from '../../components/FormError';
import { PasswordField } from '../../components/PasswordField';
import { seedShortText } from '../../components/seed-text';
import { SkeletonLines } from '../../components/Skeleton';
import { useAction } from '../../components/use-action';
import { useBackgroundData } from '../../components/use-background-data';
import { RevealableWords } from '../../components/RevealableWords';

/**
 * Shows a seed's recovery phrase after the password is typed again; a seed of the legacy method
 * "none" has no phrase, so its hex is shown instead. The words stay covered until the person
 * reveals them. The secret lives only in this component's state: gone on "Done" or when the screen is left.
 */
export function RevealMnemonic() {
  const seeds = useBackgroundData(() => callBackground('ui_seeds', undefined), ['stateChanged'], []);
  const phraseSeeds = seeds.data?.seeds ?? [];
  const [seedId, setSeedId] = useState<string>('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ words: string[]; hex: string } | null>(null);
  const chosen = seedId || phraseSeeds[0]?.id || '';
  const reveal = useAction(async () => {
    const revealed = await callBackground('ui_revealMnemonic', { seedId: chosen, password });
    setPassword('');
    setRevealed(revealed);
  });

  if (!seeds.data)
    return seeds.error ? <FormError message={seeds.error} /> : <SkeletonLines lines={3} />;

  if (revealed && revealed.words.length === 0)
    return (
      <>
        <p class="notice warning">
          This seed uses the legacy method “none” and has no recovery phrase. Anyone who sees this hex seed, with your key names, can recreate your keys.
          Make sure nobody is watching.
        </p>
        <p class="mono card" data-testid="revealed-hex" style={{ wordBreak: 'break-all' }}>
          {revealed.hex}
        </p>
        <button type="button" class="primary" onClick={() => setRevealed(null)}>
          Hide the seed
        </button>
      </>
    );

  if (revealed)
    return (
      <>
        <p class="notice warning">Anyone who sees these words, with your key names, can recreate your keys. Make sure nobody is watching.</p>
        <RevealableWords words={revealed.words} label="Recovery phrase" />
        <button type="button" onClick={() => setRevealed(null)}>
          Done
        </button>
      </>
    );

  const submit = (event: Event) => {
    event.preventDefault();
    setPasswordError(password ? null : 'Enter your password to reveal the phrase.');
    if (password && chosen) void reveal.run();
  };

  return (
    <form onSubmit={submit} noValidate>
      {phraseSeeds.length > 1 && (
        <fieldset>
          <legend>Seed</legend>
          {phraseSeeds.map((seed) => (
            <label class="choice" key={seed.id}>
              <input type="radio" name="seed" checked={chosen === seed.id} onChange={() => setSeedId(seed.id)} />
              <span>
                {seed.label} <span class="muted">({seedShortText(seed)})</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {phraseSeeds.length === 0 && <p class="muted">This wallet holds no seed.</p>}
      <PasswordField label="Password" value={password} onInput={setPassword} autoComplete="current-password" error={passwordError} hint="Sigil asks again before showing the phrase." />
      <div class="actions">
        <button type="submit" class="primary" disabled={reveal.busy || !chosen}>
          {reveal.busy ? 'Checking…' : 'Reveal recovery phrase'}
        </button>
      </div>
      <FormError message={reveal.error} />
    </form>
  );
}
