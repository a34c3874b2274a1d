/**
 * The check that a person wrote their new recovery phrase down: a few random positions, each with
 * the right word among other words of the same phrase, in random order.
 */
export interface QuizQuestion {
  /** 0-based position in the phrase. */
  index: number;
  choices: string[];
}

function randomInt(below: number): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]! % below;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function makeQuiz(words: readonly string[], questions = 3, choicesPerQuestion = 4): QuizQuestion[] {
  const positions = shuffle(words.map((_, index) => index)).slice(0, questions).sort((a, b) => a - b);
  return positions.map((index) => {
    const answer = words[index]!;
    const others = shuffle([...new Set(words.filter((word) => word !== answer))]).slice(0, choicesPerQuestion - 1);
    return { index, choices: shuffle([answer, ...others]) };
  });
}
