/** What the page-path measurements need from a browser with Sigil loaded and a wallet set up. */
import type { TestWallet } from '../../e2e/support/test-wallet';
import type { ScriptablePage } from '../../e2e/support/ui-messages';

export type BrowserName = 'Chromium' | 'Firefox';

export interface BenchSite {
  origin: string;
  page: ScriptablePage;
}

export interface BrowserDriver {
  name: BrowserName;
  /** e.g. "Chromium 156.0.8078.79, headless". */
  description: string;
  /** How the background is stopped for a cold start, in words. */
  stopMethod: string;
  /** The wallet (Alice, her agent, a twin), driven over the popup's UI Port from a script-less extension page. */
  wallet: TestWallet;
  /** A page of a new origin, with window.sigil announced. */
  openSite(): Promise<BenchSite>;
  /** Connects the site, sharing every identity, through the approval window. */
  connect(site: BenchSite): Promise<void>;
  /** Approves one sigil_authToken for the wallet's user with "without asking me": a standing grant. */
  grantTokens(site: BenchSite): Promise<void>;
  /** Runs `fn` in the background's global scope (Chromium's service worker), for profiling its primitives. */
  evaluateInBackground?<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Stops the background; the next message starts it again. */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
}
