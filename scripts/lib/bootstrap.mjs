// Bootstrapping shared by npm start and npm test: dependencies from npm, browsers and PostgreSQL from Debian's apt.
// Uses only Node's standard library, so it runs on a fresh clone before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export class BootstrapError extends Error {}

/**
 * Installs node_modules with `npm ci` when they are missing or do not match package-lock.json. The
 * comparison is by content (npm's record of what it installed, node_modules/.package-lock.json), not
 * by file times: `npm install` rewrites package-lock.json without changing it, and a build started
 * then must not wipe node_modules for a reinstall.
 */
export function ensureDependencies() {
  if (installedMatchesLock()) return;
  console.log('Installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new BootstrapError('npm ci failed: see the output above.');
}

function installedMatchesLock() {
  const installedFile = resolve(root, 'node_modules/.package-lock.json');
  if (!existsSync(installedFile)) return false;
  try {
    const wanted = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')).packages ?? {};
    const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {};
    for (const [path, entry] of Object.entries(wanted)) {
      if (path === '' || entry.link) continue;
      const present = installed[path];
      // Optional packages for other platforms are not installed, and need not be.
      if (!present) {
        if (entry.optional) continue;
        return false;
      }
      if (present.version !== entry.version) return false;
    }
    return Object.keys(installed).every((path) => path in wanted);
  } catch {
    return false;
  }
}

export const BROWSERS = {
  chromium: { binary: '/usr/bin/chromium', aptPackage: 'chromium' },
  firefox: { binary: '/usr/bin/firefox-esr', aptPackage: 'firefox-esr' },
  // Not a browser: the reference Argon2 (C) that `npm run bench` times as the unlock baseline.
  argon2: { binary: '/usr/bin/argon2', aptPackage: 'argon2' },
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Makes sure the named Debian browsers exist, installing them with apt when running as root. */
export function ensureBrowsers(names) {
  const missing = names.map((n) => BROWSERS[n]).filter((b) => !existsSync(b.binary));
  if (missing.length === 0) return;
  const packages = missing.map((b) => b.aptPackage);
  aptInstall(packages, 'browser');
  const still = missing.filter((b) => !existsSync(b.binary));
  if (still.length) throw new BootstrapError(`apt-get finished but ${still.map((b) => b.binary).join(', ')} is still missing.`);
}

/** Installs Debian packages with apt-get when running as root; otherwise says what to install. */
function aptInstall(packages, what) {
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
    throw new BootstrapError(`Missing ${what}: install Debian's ${packages.join(' and ')} (sudo apt-get install -y ${packages.join(' ')}), then run this again.`);
  }
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}

const POSTGRES_ROOT = '/usr/lib/postgresql';
const hasPostgres = () =>
  existsSync(POSTGRES_ROOT) && readdirSync(POSTGRES_ROOT).some((version) => existsSync(resolve(POSTGRES_ROOT, version, 'bin/postgres')));

/** Makes sure Debian's PostgreSQL server binaries exist (the resolver's tests start a real server). */
export function ensurePostgres() {
  if (hasPostgres()) return;
  aptInstall(['postgresql'], 'PostgreSQL (the resolver tests run a real server)');
  if (!hasPostgres()) throw new BootstrapError(`apt-get finished but ${POSTGRES_ROOT}/<version>/bin/postgres is still missing.`);
}
