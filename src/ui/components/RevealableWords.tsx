import { useState } from 'preact/hooks';
import { WordGrid } from './WordGrid';

/**
 * A recovery phrase that stays covered until the person asks to see it (someone may be watching the
 * screen), and can be covered again. While covered the words are not in the page at all.
 */
export function RevealableWords({ words, label, onRevealed }: { words: readonly string[]; label: string; onRevealed?: () => void }) {
  const [shown, setShown] = useState(false);
  if (!shown)
    return (
      <div class="words-cover" data-testid="words-hidden">
        <p>
          The {words.length} words are hidden. Make sure nobody can see your screen, then reveal them.
        </p>
        <button
          type="button"
          class="primary"
          onClick={() => {
            setShown(true);
            onRevealed?.();
          }}
        >
          Reveal the words
        </button>
      </div>
    );
  return (
    <>
      <WordGrid words={words} label={label} />
      <div class="row end">
        <button type="button" class="small" onClick={() => setShown(false)}>
          Hide the words
        </button>
      </div>
    </>
  );
}
