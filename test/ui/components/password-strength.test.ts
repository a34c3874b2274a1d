import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '../../../src/ui/components/password-strength';

const rate = (password: string) => passwordStrength(password).label;

describe('passwordStrength', () => {
  it('shows no rating for an empty field, only the advice to use at least 8 characters', () => {
    expect(passwordStrength('')).toEqual({ score: 0, label: '', advice: 'Use at least 8 characters; a few unrelated words work well.' });
    expect(MIN_PASSWORD_LENGTH).toBe(8);
  });

  it('calls anything under 8 characters too short, however varied', () => {
    for (const password of ['a', 'Xk#9', 'Q7!zR$2']) {
      expect(passwordStrength(password)).toEqual({ score: 1, label: 'Too short', advice: 'Use at least 8 characters.' });
    }
    expect(rate('Q7!zR$2w')).not.toBe('Too short');
  });

  it('rates a 12-character password of one repeated letter weak', () => {
    expect(passwordStrength('aaaaaaaaaaaa')).toMatchObject({ score: 1, label: 'Weak', advice: 'Make it longer, or add a few unrelated words.' });
  });

  it('rates straight runs such as 12345678 or abcdefgh weak', () => {
    for (const password of ['12345678', 'abcdefghij', '9876543210', '0123456789012']) expect(rate(password)).toBe('Weak');
  });

  it('rates a password built on a common word weak and says why, whatever its case', () => {
    for (const password of ['password1', 'Qwerty123', 'iloveyou!', 'MySigil1']) {
      expect(passwordStrength(password)).toMatchObject({ score: 1, label: 'Weak', advice: 'Avoid common words and patterns.' });
    }
  });

  it('rates the same password lower once it contains a common word', () => {
    expect(passwordStrength('zebrafinch47').score).toBeGreaterThan(passwordStrength('monkeyfinch47').score);
  });

  it('climbs from fair to good to strong as unpredictable characters are added', () => {
    expect(passwordStrength('Q7!zR$2w')).toMatchObject({ score: 2, label: 'Fair', advice: 'Longer is better: add another word.' });
    expect(passwordStrength('hqzvbmtwkx7p')).toMatchObject({ score: 3, label: 'Good', advice: 'A solid password.' });
    expect(passwordStrength('hqzvbmtw-K7p!xrgu')).toMatchObject({ score: 4, label: 'Strong', advice: 'A strong password.' });
  });

  it('rates a passphrase of four unrelated words strong', () => {
    expect(rate('correct horse battery staple')).toBe('Strong');
  });

  it('never lowers the rating when an unpredictable character is appended', () => {
    let password = 'r';
    const extra = 'T9#kq2VmZ!p4Lx8w';
    let previous = passwordStrength(password).score;
    for (const character of extra) {
      password += character;
      const score = passwordStrength(password).score;
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
    expect(previous).toBe(4);
  });

  // The module counts a repeat as half a character, so enough repeats of one letter add up to "Strong",
  // though such a password is among the first a guesser tries.
  it('rates one repeated letter weak at any length', () => {
    const ratings = Array.from({ length: 57 }, (_, i) => i + 8).map((length) => `${length}: ${rate('a'.repeat(length))}`);
    expect(ratings.filter((line) => !line.endsWith(': Weak'))).toEqual([]);
  });
});
