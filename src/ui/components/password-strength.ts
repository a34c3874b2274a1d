/**
 * A rough, offline estimate of how hard a new password is to guess, for a hint only: the vault's
 * Argon2id slows guessing, but a short or common password is still found quickly.
 */
export interface PasswordStrength {
  /** 0 empty, 1 weak, 2 fair, 3 good, 4 strong. */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  advice: string;
}

export const MIN_PASSWORD_LENGTH = 8;

const COMMON = ['password', 'passw0rd', 'qwerty', 'azerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'sigil', 'abc123', '123456', 'monkey', 'dragon'];

function alphabetSize(password: string): number {
  let size = 0;
  if (/[a-z]/.test(password)) size += 26;
  if (/[A-Z]/.test(password)) size += 26;
  if (/[0-9]/.test(password)) size += 10;
  if (/[^a-zA-Z0-9]/.test(password)) size += 33;
  return size;
}

/** Characters that add little: repeats and straight runs such as "aaaa" or "1234". */
function predictableCharacters(password: string): number {
  let count = 0;
  for (let i = 1; i < password.length; i++) {
    const step = password.charCodeAt(i) - password.charCodeAt(i - 1);
    if (step === 0 || step === 1 || step === -1) count++;
  }
  return count;
}

export function passwordStrength(password: string): PasswordStrength {
  if (password.length === 0) return { score: 0, label: '', advice: `Use at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well.` };
  const lower = password.toLowerCase();
  const common = COMMON.some((word) => lower.includes(word));
  // A password is no stronger than its variety: a long run of few distinct characters stays weak.
  const distinct = new Set(password).size;
  const effectiveLength = Math.min(password.length - predictableCharacters(password) / 2, distinct * 2);
  let bits = effectiveLength * Math.log2(Math.max(alphabetSize(password), 2));
  if (common) bits -= 20;
  if (password.length < MIN_PASSWORD_LENGTH) return { score: 1, label: 'Too short', advice: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (bits < 40) return { score: 1, label: 'Weak', advice: common ? 'Avoid common words and patterns.' : 'Make it longer, or add a few unrelated words.' };
  if (bits < 60) return { score: 2, label: 'Fair', advice: 'Longer is better: add another word.' };
  if (bits < 80) return { score: 3, label: 'Good', advice: 'A solid password.' };
  return { score: 4, label: 'Strong', advice: 'A strong password.' };
}
