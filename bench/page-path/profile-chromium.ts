/**
 * Where a token's time goes in Chromium (issue 15): the token and no-op round trips timed in the
 * page, and the background's primitives timed inside its service worker — one `storage.session`
 * read, one IndexedDB read transaction (by key and a getAll of the entities), one WebCrypto Ed25519
 * import + sign. Multiply by what a token does (counted in the README's performance section).
 *
 *   flock /tmp/sigil-browser.lock npx tsx bench/page-path/profile-chromium.ts
 */
import { median } from '../figures';
import { launchChromiumDriver } from './chromium-driver';
import { sequentialRequests, tokenBurst } from './in-page';

const ROUNDS = 300;

interface PrimitiveTimes {
  sessionGet: number;
  idbGetPermission: number;
  idbGetEntity: number;
  idbGetAllEntities: number;
  idbGetRequestResult: number;
  webcryptoImportSign: number;
  entities: number;
}

const driver = await launchChromiumDriver();
try {
  const site = await driver.openSite();
  await driver.connect(site);
  await driver.grantTokens(site);
  const params = { user: driver.wallet.user.did, durationSeconds: 300 };
  await sequentialRequests(site.page, 20, 'sigil_authToken', params);
  await sequentialRequests(site.page, 20, 'sigil_ping');
  const tokens = await sequentialRequests(site.page, ROUNDS, 'sigil_authToken', params);
  const pings = await sequentialRequests(site.page, ROUNDS, 'sigil_ping');
  const burstSite = await driver.openSite();
  await driver.connect(burstSite);
  await driver.grantTokens(burstSite);
  const burst = await tokenBurst(burstSite.page, 1000, params, 60_000);
  const answered = burst.outcomes.filter((o) => o.ok).length;

  const primitives = await driver.evaluateInBackground!(
    async ({ origin, did, rounds }): Promise<PrimitiveTimes> => {
      const mean = async (run: () => Promise<unknown>) => {
        for (let i = 0; i < 10; i++) await run();
        const start = performance.now();
        for (let i = 0; i < rounds; i++) await run();
        return (performance.now() - start) / rounds;
      };
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open('sigil');
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const read = (store: string, op: (s: IDBObjectStore) => IDBRequest) =>
        new Promise((done, fail) => {
          const request = op(db.transaction(store, 'readonly').objectStore(store));
          request.onsuccess = () => done(request.result);
          request.onerror = () => fail(request.error);
        });
      const entities = ((await read('entities', (s) => s.getAll())) as unknown[]).length;
      const chromeApi = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<unknown> } } } }).chrome;
      const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, ...new Uint8Array(32).fill(7)]);
      const message = new Uint8Array(300).fill(1);
      const times: PrimitiveTimes = {
        sessionGet: await mean(() => chromeApi.storage.session.get('sigil.vaultSession')),
        idbGetPermission: await mean(() => read('permissions', (s) => s.get(origin))),
        idbGetEntity: await mean(() => read('entities', (s) => s.get(did))),
        idbGetAllEntities: await mean(() => read('entities', (s) => s.getAll())),
        idbGetRequestResult: await mean(() => read('requestResults', (s) => s.get(`page ${origin} 1 0 none`))),
        webcryptoImportSign: await mean(async () => {
          const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
          return crypto.subtle.sign({ name: 'Ed25519' }, key, message);
        }),
        entities,
      };
      db.close();
      return times;
    },
    { origin: site.origin, did: driver.wallet.user.did, rounds: ROUNDS },
  );

  const ms = (value: number) => `${value.toFixed(3)} ms`;
  console.log(`token p50 (${ROUNDS} sequential): ${ms(median(tokens.samples))}   failures ${tokens.failures} ${tokens.firstFailure ?? ''}`);
  console.log(`sigil_ping p50 (${ROUNDS} sequential): ${ms(median(pings.samples))}`);
  console.log(`burst of 1000 tokens: ${((answered / burst.elapsedMs) * 1000).toFixed(0)} tokens/s, ${answered} answered`);
  console.log(`in the service worker (mean of ${ROUNDS}; the wallet holds ${primitives.entities} entities):`);
  console.log(`  storage.session.get:                 ${ms(primitives.sessionGet)}`);
  console.log(`  IndexedDB get permissions[origin]:   ${ms(primitives.idbGetPermission)}`);
  console.log(`  IndexedDB get entities[did]:         ${ms(primitives.idbGetEntity)}`);
  console.log(`  IndexedDB getAll entities:           ${ms(primitives.idbGetAllEntities)}`);
  console.log(`  IndexedDB get requestResults[key]:   ${ms(primitives.idbGetRequestResult)}`);
  console.log(`  WebCrypto Ed25519 importKey + sign:  ${ms(primitives.webcryptoImportSign)}`);
} finally {
  await driver.close();
}
