import type { ConsoleError, FailedRequest } from '#shared/capture';

/**
 * Runs in the page's own world (only on sites where the user turned diagnostics on) and remembers
 * the page's recent console errors and failed requests, so a QA capture can carry them. What it
 * costs the page: console.error, fetch and XMLHttpRequest get a thin wrapper each, two listeners
 * (error, unhandledrejection), and at most `BUFFER_MAX` entries of each kind, a few kilobytes each.
 */

export const DIAGNOSTICS_WINDOW_MS = 5 * 60_000;
export const BUFFER_MAX = 30;
/**
 * The collector's reader, a property of `window` that nothing can replace (defined before the
 * page's first script, neither writable nor configurable). A capture calls it through
 * `scripting.executeScript` in the page's world, on the sites where diagnostics are on; it answers
 * JSON text. No event is sent, so the page cannot tell when it is captured, nor answer instead.
 */
export const READER_KEY = '__snagDiagnostics';

/** What the collector uses of an XMLHttpRequest. */
type XhrLike = Pick<XMLHttpRequest, 'open' | 'send' | 'addEventListener' | 'status'>;

/** The page's globals the collector wraps; `window` in a page, a fake in tests. */
export type CollectorWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  console: Pick<Console, 'error'>;
  fetch: typeof fetch;
  XMLHttpRequest: { prototype: XhrLike };
  location: Pick<Location, 'href'>;
  JSON: Pick<JSON, 'stringify'>;
};

/**
 * Start collecting in `win` (once: a second call does nothing). Answers a function that puts
 * everything back, for tests (`uninstallable`; in a page, the reader stays for good).
 *
 * Self-contained, like the functions `executeScript` sends, so its source can be checked alone.
 * Hence the limits and the reader's name are repeated here as literals (the tests check they match
 * the exports above).
 */
export function installDiagnosticsCollector(win: CollectorWindow, now: () => number = Date.now, uninstallable = false): () => void {
  if (Object.prototype.hasOwnProperty.call(win, '__snagDiagnostics')) return () => undefined;
  const bufferMax = 30;
  const windowMs = 5 * 60_000;
  const readerKey = '__snagDiagnostics';
  // Taken now, before the page's scripts run: a page that later replaces them learns nothing from the reader.
  const stringify = win.JSON.stringify;
  const DateAtInstall = Date;
  const toIsoString = Date.prototype.toISOString;
  const apply = Reflect.apply;

  const cut = (text: string) => (text.length > 1000 ? `${text.slice(0, 999)}…` : text);
  /** One console argument as text: errors by name and message, objects as JSON when they can be. */
  const describe = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };

  const consoleErrors: ConsoleError[] = [];
  const failedRequests: FailedRequest[] = [];
  const keep = <T>(list: T[], entry: T) => {
    list.push(entry);
    if (list.length > bufferMax) list.splice(0, list.length - bufferMax);
  };
  const at = () => new Date(now()).toISOString();
  const absolute = (url: string) => {
    try {
      return new URL(url, win.location.href).href;
    } catch {
      return url;
    }
  };

  const originalError = win.console.error;
  win.console.error = function error(this: unknown, ...args: unknown[]) {
    keep(consoleErrors, { at: at(), message: cut(args.map(describe).join(' ')) });
    return Reflect.apply(originalError, this, args);
  };

  const onError = (event: Event) => {
    if (!(event instanceof ErrorEvent)) return; // resource load errors: the request failed, not the script
    const source = event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined;
    keep(consoleErrors, {
      at: at(),
      message: cut(event.error instanceof Error ? describe(event.error) : event.message),
      ...(source ? { source: cut(source) } : {}),
    });
  };
  const onRejection = (event: Event) => {
    const reason: unknown = 'reason' in event ? event.reason : undefined;
    keep(consoleErrors, { at: at(), message: cut(`Unhandled rejection: ${describe(reason)}`) });
  };
  win.addEventListener('error', onError, true);
  win.addEventListener('unhandledrejection', onRejection);

  const failed = (method: string, url: string, status: number, error?: string) =>
    keep(failedRequests, {
      at: at(),
      method: method.toUpperCase().slice(0, 16) || 'GET',
      url: cut(absolute(url)),
      status,
      ...(error ? { error: error.slice(0, 300) } : {}),
    });

  const originalFetch = win.fetch;
  win.fetch = async function snagFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const isRequest = typeof input === 'object' && 'method' in input;
    const method = init?.method ?? (isRequest ? input.method : 'GET');
    const url = isRequest ? input.url : String(input);
    try {
      const response = await Reflect.apply(originalFetch, this, [input, init]);
      if (response instanceof Response && !response.ok && response.type !== 'opaque') failed(method, url, response.status);
      return response;
    } catch (error) {
      // An abort is the page changing its mind, not a failure.
      if (!(error instanceof DOMException && error.name === 'AbortError')) failed(method, url, 0, describe(error));
      throw error;
    }
  };

  const requests = new WeakMap<XhrLike, { method: string; url: string }>();
  const prototype = win.XMLHttpRequest.prototype;
  const originalOpen = prototype.open;
  const originalSend = prototype.send;
  prototype.open = function open(this: XhrLike, ...args: [method: string, url: string | URL, ...rest: unknown[]]) {
    requests.set(this, { method: args[0], url: String(args[1]) });
    return Reflect.apply(originalOpen, this, args);
  };
  prototype.send = function send(this: XhrLike, ...args: Parameters<XMLHttpRequest['send']>) {
    const request = requests.get(this);
    if (request) {
      this.addEventListener('loadend', () => {
        if (this.status === 0 || this.status >= 400) failed(request.method, request.url, this.status, this.status === 0 ? 'no answer' : undefined);
      });
    }
    return Reflect.apply(originalSend, this, args);
  };

  /**
   * The recent entries as JSON text, written out by hand: only strings and numbers go through
   * `stringify` (which then calls no `toJSON`), and no method the page could have replaced is used.
   */
  const read = (): string => {
    const since = `${apply(toIsoString, new DateAtInstall(now() - windowMs), [])}`;
    const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? stringify(value) : 'null');
    const list = (entries: ReadonlyArray<Record<string, unknown>>, fields: readonly string[]) => {
      let out = '';
      for (let index = 0; index < entries.length; index++) {
        const entry = entries[index];
        if (entry === undefined || !(typeof entry.at === 'string' && entry.at >= since)) continue;
        let fieldsText = '';
        for (let field = 0; field < fields.length; field++) {
          const name = fields[field];
          if (name === undefined || entry[name] === undefined) continue;
          fieldsText += `${fieldsText === '' ? '' : ','}"${name}":${text(entry[name])}`;
        }
        out += `${out === '' ? '' : ','}{${fieldsText}}`;
      }
      return `[${out}]`;
    };
    return `{"consoleErrors":${list(consoleErrors, ['at', 'message', 'source'])},"failedRequests":${list(failedRequests, ['at', 'method', 'url', 'status', 'error'])}}`;
  };
  // Neither writable nor configurable: once here, no page script can put its own reader in its place.
  Object.defineProperty(win, readerKey, { value: read, enumerable: false, writable: false, configurable: uninstallable });

  return () => {
    win.console.error = originalError;
    win.fetch = originalFetch;
    prototype.open = originalOpen;
    prototype.send = originalSend;
    win.removeEventListener('error', onError, true);
    win.removeEventListener('unhandledrejection', onRejection);
    Reflect.deleteProperty(win, readerKey);
  };
}
