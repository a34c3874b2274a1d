/** Typed key/value settings with defaults. Add a key here (with its default) to add a setting. */
import { DEV_RESOLVER_URL } from '../registration/dev-resolver';
import type { SigilDatabase } from './schema';

/** Minutes of inactivity before the wallet locks, or 'never'. */
export type AutoLockSetting = number | 'never';

export interface SigilSettings {
  autoLock: AutoLockSetting;
  /** Base URL of the IOTICS resolver (DESIGN §5); empty when none is configured. Development builds default to the development resolver. */
  resolverUrl: string;
}

export type SettingKey = keyof SigilSettings;

export const DEFAULT_SETTINGS: Readonly<SigilSettings> = {
  autoLock: 15,
  resolverUrl: DEV_RESOLVER_URL,
};

export async function getSetting<K extends SettingKey>(db: SigilDatabase, key: K): Promise<SigilSettings[K]> {
  const stored = (await db.get('settings', key)) as SigilSettings[K] | undefined;
  return stored === undefined ? DEFAULT_SETTINGS[key] : stored;
}

export async function putSetting<K extends SettingKey>(db: SigilDatabase, key: K, value: SigilSettings[K]): Promise<void> {
  await db.put('settings', value, key);
}

export async function getAllSettings(db: SigilDatabase): Promise<SigilSettings> {
  const tx = db.transaction('settings', 'readonly');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  keys.forEach((key, i) => {
    if (key in DEFAULT_SETTINGS) settings[key] = values[i];
  });
  return settings as unknown as SigilSettings;
}

/** Whether `value` is acceptable for setting `key` (used when importing a backup). */
export function isValidSetting(key: string, value: unknown): key is SettingKey {
  switch (key) {
    case 'autoLock':
      return value === 'never' || (Number.isSafeInteger(value) && (value as number) >= 1);
    case 'resolverUrl':
      return typeof value === 'string' && resolverUrlProblem(value) === null;
    default:
      return false;
  }
}

const RESOLVER_URL_MAX_CHARS = 2048;
const RESOLVER_URL_RULE = 'The resolver URL must be empty or an http:// or https:// address.';

/** What the user typed, trimmed, without trailing slashes (the client appends `/1.0/…`). */
export const normalizeResolverUrl = (text: string): string => text.trim().replace(/\/+$/u, '');

/** Why `url` cannot be the resolver setting, or null. Empty means no resolver. */
export function resolverUrlProblem(url: string): string | null {
  if (url === '') return null;
  if (url.length > RESOLVER_URL_MAX_CHARS) return `The resolver URL must be at most ${RESOLVER_URL_MAX_CHARS} characters.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return RESOLVER_URL_RULE;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return RESOLVER_URL_RULE;
  if (parsed.username !== '' || parsed.password !== '') return 'The resolver URL must not contain a user name or password.';
  if (parsed.search !== '' || parsed.hash !== '') return 'The resolver URL must not have a query or a fragment.';
  return null;
}
