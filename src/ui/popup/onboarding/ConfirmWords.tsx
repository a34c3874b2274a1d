import { useMemo, useState } from 'preact/hooks';
import { FormError } from '../../components/FormError';
import { Screen } from '../../components/Screen';
import { useAction } from '../../components/use-action';
import { makeQuiz } from './seed-quiz';

/** One word typed back: its 0-based position and the word. */
export interface ConfirmedWord {
  index: number;
  word: string;
}

export interface ConfirmWordsProps {
  words: readonly string[];
  /** Hands the picked words to the background, which checks them against the draft and keeps the seed. */
  onConfirm: (confirm: ConfirmedWord[]) => Promise<void>;
  showWordsAgain: () => void;
  /** The button that keeps the seed, e.g. "Create wallet" or "Add seed", and its label while busy. */
  submitLabel: string;
  busyLabel: string;
}

/** Picks three words back from the phrase; the background checks them and keeps the new seed. */
export function ConfirmWords({ words, onConfirm, showWordsAgain, submitLabel, busyLabel }: ConfirmWordsProps) {
  const quiz = useMemo(() => makeQuiz(words), [words]);
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [missing, setMissing] = useState<number[]>([]);
  const action = useAction(async () => onConfirm(quiz.map(({ index }) => ({ index, word: answers[index]! }))));

  const submit = (event: Event) => {
    event.preventDefault();
    const unanswered = quiz.filter(({ index }) => !answers[index]).map(({ index }) => index);
    setMissing(unanswered);
    if (unanswered.length === 0) void action.run();
  };

  return (
    <Screen name="confirm-words" title="Check your recovery phrase">
      <p class="muted">Pick the word at each position, from what you wrote down.</p>
      <form onSubmit={submit} noValidate>
        {quiz.map(({ index, choices }) => (
          <fieldset key={index} aria-describedby={missing.includes(index) ? `missing-${index}` : undefined}>
            <legend>Word #{index + 1}</legend>
            <div class="quiz-choices">
              {choices.map((choice) => (
                <label class="choice" key={choice}>
                  <input
                    type="radio"
                    name={`word-${index}`}
                    value={choice}
                    checked={answers[index] === choice}
                    onChange={() => setAnswers({ ...answers, [index]: choice })}
                  />
                  <span class="mono">{choice}</span>
                </label>
              ))}
            </div>
            {missing.includes(index) && (
              <p id={`missing-${index}`} class="error" role="alert">
                Choose word #{index + 1}.
              </p>
            )}
          </fieldset>
        ))}
        <div class="actions">
          <button type="button" onClick={showWordsAgain}>
            Show the words again
          </button>
          <button type="submit" class="primary" disabled={action.busy}>
            {action.busy ? busyLabel : submitLabel}
          </button>
        </div>
        <FormError message={action.error} />
      </form>
    </Screen>
  );
}
