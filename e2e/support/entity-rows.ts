/**
 * The stored public entity rows, read and written from an extension page (which shares the
 * background's IndexedDB) in either browser: for tests that put back an older document, as a
 * document restored from elsewhere would be.
 */
import type { ScriptablePage } from './ui-messages';

/** The `entities` row of `did`, as stored. */
export function readEntityRow(page: ScriptablePage, did: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sigil');
        open.onsuccess = () => {
          const request = open.result.transaction('entities').objectStore('entities').get(key);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
    did,
  );
}

/** Writes back an `entities` row read by readEntityRow. */
export function writeEntityRow(page: ScriptablePage, row: unknown): Promise<void> {
  return page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sigil');
        open.onsuccess = () => {
          const tx = open.result.transaction('entities', 'readwrite');
          tx.objectStore('entities').put(value);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    row,
  );
}
