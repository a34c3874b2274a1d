/**
 * window.sigil, in the page's own world. It can only post messages to the content script; it holds
 * nothing of the wallet. EIP-1193 style: request({method, params}) → Promise, plus events.
 */
import { isJsonParams, OPAQUE_ORIGIN, PARAMS_NOT_JSON, randomRequestId } from '../content/page-checks';
import { CONTENT_TO_PAGE, PAGE_SUBSCRIBE, PAGE_TO_CONTENT, type PageRequestMessage } from '../shared/wire';

interface RequestArguments {
  method: string;
  params?: unknown;
}

type Listener = (data: unknown) => void;

class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ProviderRpcError';
  }
}

const pending = new Map<string, { resolve: (value: unknown) => void; reject: (reason: unknown) => void }>();
const listeners = new Map<string, Set<Listener>>();
// self.origin, not location.origin: in a sandboxed document location.origin names the URL's origin
// while the document's own origin is opaque ('null'), and a message posted to the former is dropped.
const opaqueOrigin = self.origin === 'null';
const targetOrigin = opaqueOrigin ? '*' : self.origin;
let subscribed = false;

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window) return;
  const data = event.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null || data.channel !== CONTENT_TO_PAGE) return;
  if (typeof data.event === 'string') {
    for (const listener of listeners.get(data.event) ?? []) {
      try {
        listener(data.data);
      } catch (error) {
        console.error(error);
      }
    }
    return;
  }
  const waiter = typeof data.id === 'string' ? pending.get(data.id) : undefined;
  if (!waiter) return;
  pending.delete(data.id as string);
  const error = data.error as { code?: unknown; message?: unknown; data?: unknown } | undefined;
  if (error) {
    waiter.reject(new ProviderRpcError(Number(error.code), String(error.message), error.data));
  } else {
    waiter.resolve(data.result);
  }
});

function request(args: RequestArguments): Promise<unknown> {
  if (typeof args !== 'object' || args === null || typeof args.method !== 'string' || args.method.length === 0) {
    return Promise.reject(new ProviderRpcError(-32602, 'request expects an object with a method name.'));
  }
  if (opaqueOrigin) return Promise.reject(new ProviderRpcError(4100, OPAQUE_ORIGIN));
  if (!isJsonParams(args.params)) return Promise.reject(new ProviderRpcError(-32602, PARAMS_NOT_JSON));
  const id = randomRequestId();
  const message: PageRequestMessage = { channel: PAGE_TO_CONTENT, id, method: args.method, params: args.params };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    try {
      window.postMessage(message, targetOrigin);
    } catch {
      // What the JSON check let through but the structured clone refused (e.g. a getter that throws).
      pending.delete(id);
      reject(new ProviderRpcError(-32602, PARAMS_NOT_JSON));
    }
  });
}

/** Listens to 'entitiesChanged' | 'lock' | 'unlock' | 'disconnect'; Sigil sends them to connected sites only. */
function on(event: string, listener: Listener): void {
  if (typeof listener !== 'function') return;
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  if (!subscribed) {
    subscribed = true;
    window.postMessage({ channel: PAGE_SUBSCRIBE }, targetOrigin);
  }
}

function removeListener(event: string, listener: Listener): void {
  listeners.get(event)?.delete(listener);
}

const sigil = Object.freeze({ isSigil: true, request, on, removeListener });

if (!Object.hasOwn(window, 'sigil')) {
  Object.defineProperty(window, 'sigil', { value: sigil, enumerable: true, configurable: false, writable: false });
  window.dispatchEvent(new Event('sigil#initialized'));
}
