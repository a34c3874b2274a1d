/** A recovery phrase, numbered, three words a row. Rendered only while a person is meant to read it. */
export function WordGrid({ words, label }: { words: readonly string[]; label: string }) {
  return (
    <ol class="word-grid" aria-label={label} data-testid="recovery-words">
      {words.map((word, index) => (
        <li key={index}>
          <span class="n" aria-hidden="true">
            {index + 1}.
          </span>
          {word}
        </li>
      ))}
    </ol>
  );
}
