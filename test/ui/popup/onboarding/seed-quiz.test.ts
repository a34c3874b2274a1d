import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { makeQuiz } from '../../../../src/ui/popup/onboarding/seed-quiz';

const newPhrase = (): string[] => generateMnemonic(wordlist, 256).split(' ');

/** A 24-word phrase with repeated words, as a random phrase sometimes has. */
const phraseWithRepeats = [
  'zoo', 'apple', 'zoo', 'cable', 'apple', 'dinner', 'zoo', 'eagle', 'fabric', 'apple', 'gadget', 'habit',
  'zoo', 'ice', 'jacket', 'kangaroo', 'label', 'machine', 'napkin', 'oak', 'pact', 'quality', 'rabbit', 'zoo',
];

describe('makeQuiz', () => {
  it('asks 3 questions with 4 choices each by default', () => {
    const quiz = makeQuiz(newPhrase());
    expect(quiz).toHaveLength(3);
    for (const question of quiz) expect(question.choices).toHaveLength(4);
  });

  it('never asks the same position twice and lists positions in order, inside the phrase', () => {
    for (let run = 0; run < 200; run++) {
      const words = newPhrase();
      const positions = makeQuiz(words).map((q) => q.index);
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      for (const index of positions) {
        expect(Number.isInteger(index)).toBe(true);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThan(words.length);
      }
    }
  });

  it('always offers the right word among 4 distinct choices, all taken from the phrase', () => {
    for (let run = 0; run < 200; run++) {
      const words = run % 2 === 0 ? newPhrase() : phraseWithRepeats;
      for (const { index, choices } of makeQuiz(words)) {
        expect(choices.filter((choice) => choice === words[index])).toHaveLength(1);
        expect(new Set(choices).size).toBe(4);
        for (const choice of choices) expect(words).toContain(choice);
      }
    }
  });

  it('picks different positions from one quiz to the next', () => {
    const words = newPhrase();
    const seen = new Set(Array.from({ length: 30 }, () => makeQuiz(words).map((q) => q.index).join(',')));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('does not always put the right word in the same place among the choices', () => {
    const words = newPhrase();
    const places = new Set<number>();
    for (let run = 0; run < 100; run++) {
      for (const { index, choices } of makeQuiz(words)) places.add(choices.indexOf(words[index]!));
    }
    expect([...places].sort()).toEqual([0, 1, 2, 3]);
  });

  it('reaches every position of the phrase over many quizzes', () => {
    const words = newPhrase();
    const asked = new Set<number>();
    for (let run = 0; run < 300; run++) for (const { index } of makeQuiz(words)) asked.add(index);
    expect(asked.size).toBe(24);
  });

  it('follows the requested number of questions and choices', () => {
    const words = newPhrase();
    const quiz = makeQuiz(words, 5, 3);
    expect(quiz).toHaveLength(5);
    for (const { index, choices } of quiz) {
      expect(choices).toHaveLength(3);
      expect(choices).toContain(words[index]);
    }
  });

  it('works for a 12-word phrase', () => {
    const words = generateMnemonic(wordlist, 128).split(' ');
    const quiz = makeQuiz(words);
    expect(quiz).toHaveLength(3);
    for (const { index, choices } of quiz) expect(choices).toContain(words[index]);
  });

  it('leaves the phrase it is given unchanged', () => {
    const words = newPhrase();
    const copy = [...words];
    makeQuiz(words);
    expect(words).toEqual(copy);
  });
});
