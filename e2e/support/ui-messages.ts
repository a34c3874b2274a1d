/**
 * Drives the background the way Sigil's popup does: typed UI messages over a `sigil/ui` runtime Port,
 * opened from an extension page (which shares the background's origin; see QUIET_EXTENSION_PAGE). Works on a Playwright page
 * (Chromium) and on a puppeteer-core page (Firefox). Also reads and damages what the extension stores,
 * from the same page, for the tests that check what is on disk.
 */
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { UiEvent, UiMessage, UiRequest, UiResponse } from '../../src/shared/ui-api';
import { UI_PORT } from '../../src/shared/wire';

/**
 * An extension document that runs no script of its own (an image), so nothing but the test talks to
 * the background from it: Sigil's popup, for one, reconnects and reloads by itself after a worker
 * stop, which would wake the worker the test just stopped. It has the extension's origin and APIs.
 * `QUIET_PAGE_READY` is a selector present once it has loaded (Firefox's openExtensionPage needs one).
 */
export const QUIET_EXTENSION_PAGE = 'icons/sigil-16.png';
export const QUIET_PAGE_READY = 'img';

/**
 * Runs a function in the page with one serialisable argument. A Playwright page or frame is one as it
 * is; wrap a puppeteer-core page (Firefox) with `scriptable(page)`.
 */
export interface ScriptablePage {
  evaluate<R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** A puppeteer-core page as a ScriptablePage (its `evaluate` is typed differently, but works the same). */
export function scriptable(page: PuppeteerPage): ScriptablePage {
  return {
    evaluate: <R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(pageFunction as (arg: unknown) => R | Promise<R>, arg) as Promise<R>,
  };
}

const run = <R, A>(page: ScriptablePage, pageFunction: (arg: A) => R | Promise<R>, arg: A): Promise<R> => page.evaluate(pageFunction, arg);

/** 'disconnected': the background stopped before it answered (a stopped worker, a suspended event page). */
export interface UiFailure {
  code: number | 'disconnected';
  message: string;
}

export type UiOutcome<T> = { ok: true; result: T } | { ok: false; error: UiFailure };

export class UiCallError extends Error {
  constructor(
    readonly type: string,
    readonly failure: UiFailure,
  ) {
    super(`${type} failed: ${failure.code} ${failure.message}`);
  }
}

export interface UiClient {
  /** Sends a message and waits for its answer; a refusal throws a UiCallError. */
  call<M extends UiMessage>(type: M, payload: UiRequest<M>): Promise<UiResponse<M>>;
  /** Sends a message and waits for its answer, whether a result or a refusal. */
  attempt<M extends UiMessage>(type: M, payload: UiRequest<M>): Promise<UiOutcome<UiResponse<M>>>;
  /** Sends a message without waiting (e.g. to stop the worker while it runs); returns its id for `outcome`. */
  send<M extends UiMessage>(type: M, payload: UiRequest<M>): Promise<string>;
  outcome<M extends UiMessage>(id: string): Promise<UiOutcome<UiResponse<M>>>;
  /** The events the background pushed to this page so far, oldest first. */
  events(): Promise<UiEvent[]>;
}

interface PageBridge {
  send(type: string, payload: unknown): string;
  outcome(id: string): Promise<UiOutcome<unknown>>;
  events(): string[];
}

/** Runs in the extension page: one Port, reopened after the background went away. */
function installBridge(portName: string): void {
  const scope = globalThis as unknown as { __sigilUi?: PageBridge; browser?: { runtime: unknown }; chrome?: { runtime: unknown } };
  if (scope.__sigilUi) return;
  interface Port {
    postMessage(message: unknown): void;
    onMessage: { addListener(listener: (message: Record<string, unknown>) => void): void };
    onDisconnect: { addListener(listener: () => void): void };
  }
  const runtime = (scope.browser?.runtime ?? scope.chrome?.runtime) as { connect(info: { name: string }): Port };
  const waiting = new Map<string, (outcome: UiOutcome<unknown>) => void>();
  const outcomes = new Map<string, Promise<UiOutcome<unknown>>>();
  const events: string[] = [];
  let port: Port | null = null;

  const connect = (): Port => {
    const next = runtime.connect({ name: portName });
    next.onMessage.addListener((message) => {
      if (typeof message.event === 'string') {
        events.push(message.event);
        return;
      }
      const settle = waiting.get(message.id as string);
      if (!settle) return;
      waiting.delete(message.id as string);
      settle('error' in message ? { ok: false, error: message.error as UiFailure } : { ok: true, result: message.result });
    });
    next.onDisconnect.addListener(() => {
      if (port === next) port = null;
      for (const [id, settle] of waiting) {
        waiting.delete(id);
        settle({ ok: false, error: { code: 'disconnected', message: 'The background stopped before answering.' } });
      }
    });
    return next;
  };

  const post = (message: unknown): void => {
    try {
      port ??= connect();
      port.postMessage(message);
    } catch {
      // The Port died before its disconnect event arrived: open a new one.
      port = connect();
      port.postMessage(message);
    }
  };

  scope.__sigilUi = {
    send(type, payload) {
      const id = crypto.randomUUID();
      outcomes.set(id, new Promise((settle) => waiting.set(id, settle)));
      post({ id, type, payload });
      return id;
    },
    outcome: (id) => outcomes.get(id) ?? Promise.reject(new Error(`unknown request ${id}`)),
    events: () => [...events],
  };
}

/** Installs the bridge in `page` (an extension page) and returns a typed client. */
export async function connectUi(page: ScriptablePage): Promise<UiClient> {
  // Under tsx (npm run bench) esbuild's keepNames wraps named functions in `__name(…)`; give the page one.
  await run(page, () => void ((globalThis as { __name?: unknown }).__name ??= (target: unknown) => target), undefined);
  await run(page, installBridge, UI_PORT);
  const send = <M extends UiMessage>(type: M, payload: UiRequest<M>): Promise<string> =>
    run(page, ({ type, payload }) => (globalThis as unknown as { __sigilUi: PageBridge }).__sigilUi.send(type, payload), {
      type: type as string,
      payload: payload as unknown,
    });
  const outcome = <M extends UiMessage>(id: string) =>
    run(page, (requestId) => (globalThis as unknown as { __sigilUi: PageBridge }).__sigilUi.outcome(requestId), id) as Promise<
      UiOutcome<UiResponse<M>>
    >;
  const attempt = async <M extends UiMessage>(type: M, payload: UiRequest<M>) => outcome<M>(await send(type, payload));
  return {
    send,
    outcome,
    attempt,
    async call(type, payload) {
      const answer = await attempt(type, payload);
      if (!answer.ok) throw new UiCallError(type, answer.error);
      return answer.result;
    },
    events: () => run(page, () => (globalThis as unknown as { __sigilUi: PageBridge }).__sigilUi.events(), undefined) as Promise<UiEvent[]>,
  };
}

// ---- what the extension stores, read from an extension page ----

export interface StoredRows {
  /** store name → [key, value] pairs, values as JSON text. */
  [store: string]: [string, string][];
}

/** Every row of every store of the `sigil` IndexedDB database, as JSON text. */
export function readDatabase(page: ScriptablePage): Promise<StoredRows> {
  return run(page, 
    () =>
      new Promise<StoredRows>((resolve, reject) => {
        const request = indexedDB.open('sigil');
        request.onerror = () => reject(new Error('cannot open the sigil database'));
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const rows: StoredRows = {};
          for (const name of names) {
            const store = tx.objectStore(name);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => {
              rows[name] = keys.result.map((key, i) => [String(key), JSON.stringify(values.result[i])]);
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(rows);
          };
          tx.onerror = () => reject(new Error('cannot read the sigil database'));
        };
      }),
    undefined,
  );
}

/** How to damage a stored vault record. */
export type VaultDamage = 'flip-ciphertext' | 'truncate' | 'delete';

/** Damages the `primary` or `copy` row of the `vault` store, as a disk error or a crash could. */
export function damageVaultSlot(page: ScriptablePage, slot: 'primary' | 'copy', damage: VaultDamage): Promise<void> {
  return run(page, 
    ({ slot, damage }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('sigil');
        request.onerror = () => reject(new Error('cannot open the sigil database'));
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('vault', 'readwrite');
          const store = tx.objectStore('vault');
          const read = store.get(slot);
          read.onsuccess = () => {
            const record = read.result as { payload: { ct: string } } | undefined;
            if (!record) return reject(new Error(`no ${slot} record to damage`));
            if (damage === 'delete') store.delete(slot);
            else if (damage === 'truncate') store.put({ format: 'sigil-vault' }, slot);
            else {
              const ct = record.payload.ct;
              const middle = Math.floor(ct.length / 2);
              record.payload.ct = `${ct.slice(0, middle)}${ct[middle] === 'A' ? 'B' : 'A'}${ct.slice(middle + 1)}`;
              store.put(record, slot);
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(`cannot damage the ${slot} record`));
        };
      }),
    { slot, damage },
  );
}

/** Everything in `storage.local` or `storage.session`, as JSON text. */
export function readExtensionStorage(page: ScriptablePage, area: 'local' | 'session'): Promise<string> {
  return run(page, async (which) => {
    const scope = globalThis as unknown as { browser?: ExtensionApis; chrome?: ExtensionApis };
    return JSON.stringify(await (scope.browser ?? scope.chrome)!.storage[which].get(null));
  }, area);
}

interface ExtensionApis {
  storage: Record<'local' | 'session', { get(keys: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }>;
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; create(name: string, info: { when: number }): Promise<void> };
}

/** When the extension's alarm `name` is due (ms since epoch), or null if there is none. */
export function alarmScheduledTime(page: ScriptablePage, name: string): Promise<number | null> {
  return run(page, async (alarm) => {
    const scope = globalThis as unknown as { browser?: ExtensionApis; chrome?: ExtensionApis };
    return (await (scope.browser ?? scope.chrome)!.alarms.get(alarm))?.scheduledTime ?? null;
  }, name);
}

/** Makes the alarm `name` due now, as if its time had come. */
export function fireAlarmNow(page: ScriptablePage, name: string): Promise<void> {
  return run(page, async (alarm) => {
    const scope = globalThis as unknown as { browser?: ExtensionApis; chrome?: ExtensionApis };
    await (scope.browser ?? scope.chrome)!.alarms.create(alarm, { when: Date.now() });
  }, name);
}

/** Pretends the person's last activity in the unlocked session was `ms` ago. */
export function setSessionIdle(page: ScriptablePage, ms: number): Promise<void> {
  return run(page, async (idleMs) => {
    const scope = globalThis as unknown as { browser?: ExtensionApis; chrome?: ExtensionApis };
    const storage = (scope.browser ?? scope.chrome)!.storage.session;
    const key = 'sigil.vaultSession';
    const session = (await storage.get(key))[key] as { lastActivityAt: number } | undefined;
    if (!session) throw new Error('the wallet is not unlocked');
    await storage.set({ [key]: { ...session, lastActivityAt: Date.now() - idleMs } });
  }, ms);
}

/** Drops the vault's encrypted fields (`wrapped.ct`, `payload.ct`) from a stored vault record's JSON. */
export function withoutCiphertexts(recordJson: string): string {
  const record = JSON.parse(recordJson) as Record<string, unknown>;
  for (const box of ['wrapped', 'payload']) {
    const sealed = record[box] as { ct?: string } | undefined;
    if (sealed) delete sealed.ct;
  }
  return JSON.stringify(record);
}

/** Which of `secrets` appear in `text`: their names, so a failing test never prints a secret. */
export function secretsIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

/**
 * Approves the oldest request waiting for the person, as the approval page would (ui_pending, then
 * ui_decide), once one is waiting; returns what the approval page shows for it.
 */
export async function approvePending(
  ui: UiClient,
  choices: UiRequest<'ui_decide'>['choices'] = {},
  timeoutMs = 15_000,
): Promise<UiResponse<'ui_pending'>['requests'][number]['details']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [request] = (await ui.call('ui_pending', undefined)).requests;
    if (request) {
      await ui.call('ui_decide', { id: request.id, decision: 'approve', ...(choices ? { choices } : {}) });
      return request.details;
    }
    if (Date.now() > deadline) throw new Error('no request waited for approval');
    await new Promise((done) => setTimeout(done, 100));
  }
}
