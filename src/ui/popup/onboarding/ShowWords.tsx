import { useState } from 'preact/hooks';
import { Screen } from '../../components/Screen';
import { WordGrid } from '../../components/WordGrid';

/** The new recovery phrase, shown this once, and the promise that it was written down. */
export function ShowWords({ words, onWritten, back }: { words: readonly string[]; onWritten: () => void; back: () => void }) {
  const [written, setWritten] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!written) {
      setError('Tick the box once the words are written down.');
      return;
    }
    onWritten();
  };
  return (
    <Screen name="show-words" title="Your recovery phrase">
      <p class="notice warning">
        Write these {words.length} words down, in order, and keep them offline. With them and your key names anyone can recreate your keys. Sigil shows them only now.
      </p>
      <WordGrid words={words} label="Recovery phrase" />
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
