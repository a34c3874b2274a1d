import { useState } from 'preact/hooks';
import { Screen } from '../../components/Screen';
import { RevealableWords } from '../../components/RevealableWords';

/**
 * A new recovery phrase, hidden until the person reveals it, shown this once, and the promise that
 * it was written down (set-up, and a new seed in Settings).
 */
export function ShowWords({ words, onWritten, back }: { words: readonly string[]; onWritten: () => void; back: () => void }) {
  const [written, setWritten] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!revealed) {
      setError('Reveal the words and write them down first.');
      return;
    }
    if (!written) {
      setError('Tick the box once the words are written down.');
      return;
    }
    onWritten();
  };
  return (
    <Screen name="show-words" title="Your recovery phrase">
      <p class="notice warning">
        Write these {words.length} words down, in order, and keep them offline. Anyone who has them can recreate your keys. Sigil shows them only now.
      </p>
      <RevealableWords words={words} label="Recovery phrase" onRevealed={() => setRevealed(true)} />
      <form onSubmit={submit} noValidate>
        <label class="choice">
          <input type="checkbox" checked={written} aria-describedby={error ? 'written-error' : undefined} onChange={(event) => setWritten((event.currentTarget as HTMLInputElement).checked)} />
          <span>I have written down all {words.length} words, in order.</span>
        </label>
        {error && (
          <p id="written-error" class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="button" onClick={back}>
            Back
          </button>
          <button type="submit" class="primary">
            Continue
          </button>
        </div>
      </form>
    </Screen>
  );
}
