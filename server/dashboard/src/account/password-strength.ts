import { PASSWORD_MIN_LENGTH } from '#shared/account';

export type StrengthLevel = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong';

export interface Strength {
  level: StrengthLevel;
  /** A sentence for the person typing it. */
  hint: string;
}

// What people reach for first; a long password made only of these is still guessed quickly.
const COMMON = ['password', 'passwort', 'qwerty', 'azerty', '123456', 'letmein', 'welcome', 'admin', 'snag', 'iloveyou'];

/**
 * A rough strength hint while typing. The server enforces only the length; this nudges people
 * away from repetition, keyboard runs and common words, and towards length (a passphrase).
 */
export function passwordStrength(password: string, avoid: readonly string[] = []): Strength {
  if (password === '') return { level: 'empty', hint: `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a good one.` };
  if (password.length < PASSWORD_MIN_LENGTH) {
    const more = PASSWORD_MIN_LENGTH - password.length;
    return { level: 'too-short', hint: `Too short: ${more} more character${more === 1 ? '' : 's'} needed.` };
  }
  const lower = password.toLowerCase();
  const personal = avoid.flatMap((text) => text.toLowerCase().split(/[\s@._+-]+/)).filter((word) => word.length >= 3);
  if (personal.some((word) => lower.includes(word))) {
    return { level: 'weak', hint: 'Weak: it contains your name or email address.' };
  }
  if (COMMON.some((word) => lower.includes(word))) {
    return { level: 'weak', hint: 'Weak: it contains a common password. Try a few unrelated words.' };
  }
  const distinct = new Set(lower).size;
  if (distinct <= 4) return { level: 'weak', hint: 'Weak: too many repeated characters.' };

  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (password.length >= 20 || (password.length >= 14 && classes >= 3)) {
    return { level: 'strong', hint: 'Strong.' };
  }
  return { level: 'fair', hint: 'Fair: a little longer makes it much harder to guess.' };
}
