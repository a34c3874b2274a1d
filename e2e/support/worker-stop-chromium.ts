/**
 * Force-stops Sigil's service worker through CDP and waits until Chromium reported it stopped at
 * least once. Unlike the fixture's stopServiceWorker, it does not need the worker to stay stopped:
 * a page with a request in flight re-sends it at once, which starts the worker again.
 */
import { expect, type BrowserContext } from '@playwright/test';

export async function stopWorkerOnce(context: BrowserContext, extensionId: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions)
      if (version.scriptURL.includes(extensionId) && version.runningStatus === 'stopped') stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => stopped, { timeout: 10_000 }).toBe(true);
  await cdp.detach();
}
