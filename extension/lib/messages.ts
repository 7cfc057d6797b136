import { z } from 'zod';
import { browser } from 'wxt/browser';
import { captureKind } from '#shared/capture';
import { problemKinds } from './outbox/model';
import { pairingStatusSchema } from './pairing/status';
import { errorMessage, fail, resultSchema, type Result } from './result';

// The one protocol between the extension's pages (popup, options, editor) and its background, which
// alone talks to the network and to tabs. Every message is a name with a request schema and the
// schema of the value it answers; requests are checked when they arrive, answers when they return,
// and every answer is a `Result`, so failures arrive as a reason, never as an exception.

const empty = z.strictObject({});
const draftCreated = z.strictObject({ draftId: z.string() });

const count = z.number().int().nonnegative();
const captureRef = z.strictObject({ id: z.string() });

/** See `OutboxSummary`. */
export const outboxStatusSchema = z.strictObject({
  /** A server URL and a token are set. */
  configured: z.boolean(),
  /** The stored settings don't validate (see `readSettings`). */
  settingsProblem: z.string().nullable(),
  waiting: count,
  sending: count,
  sent: count,
  needsAttention: count,
  attention: z.array(
    z.strictObject({
      id: z.string(),
      kind: captureKind,
      title: z.string(),
      savedAt: z.number(),
      problem: z.enum(problemKinds),
      reason: z.string(),
    }),
  ),
  uploads: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      phase: z.enum(['record', 'screenshot']),
      bytes: count.nullable(),
    }),
  ),
  retrying: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
});
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/** Messages from the extension's pages to its background: name → request and answer schemas. */
export const uiToBackground = {
  /** Screenshot the tab the user is looking at and open the editor on it. */
  captureScreen: { request: empty, response: draftCreated },
  /** Clip the selected text of the tab the user is looking at and open the editor on it. */
  clipSelection: { request: empty, response: draftCreated },
  /** Let the user pick an element in the tab they are looking at; answers once it is pinned (or cancelled). */
  pinElement: { request: empty, response: draftCreated },
  /** Scroll and screenshot the whole page the user is looking at, and open the editor on it. */
  captureFullPage: { request: empty, response: draftCreated },
  /** How far the running full-page capture is ("section 4 of 12"); null when none runs. */
  fullPageProgress: { request: empty, response: z.strictObject({ section: count, of: count }).nullable() },
  /** Stop the running full-page capture; it then answers its own request with the reason. */
  cancelFullPage: { request: empty, response: z.strictObject({ cancelled: z.boolean() }) },
  /** Send what is due now; `retryAll` first makes every unsent entry due, failed ones included. */
  syncNow: { request: z.strictObject({ retryAll: z.boolean().default(false) }), response: outboxStatusSchema },
  getOutboxStatus: { request: empty, response: outboxStatusSchema },
  /** Try one capture that needs attention again now (after the user fixed the token, say). */
  retryCapture: { request: captureRef, response: outboxStatusSchema },
  /** Delete one unsent capture and its screenshot for good (the popup asks for confirmation first). */
  discardCapture: { request: captureRef, response: outboxStatusSchema },
  /** Check a server URL and token as typed, saved or not. */
  testConnection: {
    request: z.strictObject({ serverUrl: z.string(), token: z.string() }),
    response: z.strictObject({ userName: z.string(), serverVersion: z.string() }),
  },
  /** Ask the server for a pairing code (the options page has already been granted access to it). */
  startPairing: { request: z.strictObject({ serverUrl: z.string() }), response: pairingStatusSchema },
  /** Where the pairing stands; polls the server first if a poll is due. */
  pairingStatus: { request: empty, response: pairingStatusSchema },
  /** Abandon the pairing in progress, or forget how the last one ended. */
  cancelPairing: { request: empty, response: pairingStatusSchema },
} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

type Protocol = typeof uiToBackground;
export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = z.input<Protocol[N]['request']>;
export type ResponseOf<N extends MessageName> = z.output<Protocol[N]['response']>;

type HandledRequestOf<N extends MessageName> = z.output<Protocol[N]['request']>;

export type BackgroundHandlers = {
  [N in MessageName]: (request: HandledRequestOf<N>) => Promise<Result<ResponseOf<N>>>;
};

// The protocol seen through a mapped type, so that `protocol[name]` keeps its link to `N`
// (the pattern of microsoft/TypeScript#47109) and needs no cast.
const protocol: {
  [N in MessageName]: { request: z.ZodType<HandledRequestOf<N>>; response: z.ZodType<ResponseOf<N>> };
} = uiToBackground;

const isMessageName = (name: string): name is MessageName => Object.hasOwn(uiToBackground, name);

const DIRECTION = 'ui→background';
const envelope = z.strictObject({
  direction: z.literal(DIRECTION),
  name: z.string(),
  payload: z.unknown(),
});

type Send = (message: unknown) => Promise<unknown>;

/** Ask the background something; the answer is checked against the protocol before it is returned. */
export async function sendToBackground<N extends MessageName>(
  name: N,
  payload: RequestOf<N>,
  send: Send = (message) => browser.runtime.sendMessage(message),
): Promise<Result<ResponseOf<N>>> {
  let answer: unknown;
  try {
    answer = await send({ direction: DIRECTION, name, payload });
  } catch (error) {
    return fail(`Snag's background did not answer (${errorMessage(error)})`);
  }
  const parsed = resultSchema(protocol[name].response).safeParse(answer);
  return parsed.success ? parsed.data : fail(`Snag's background gave an unexpected answer to ${name}`);
}

/** Who sent a runtime message, as the browser says (`runtime.MessageSender`). */
export interface MessageSender {
  id?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
}

/** The extension itself: its id and the origin of its pages (`chrome-extension://…`, `moz-extension://…`). */
export interface ExtensionSelf {
  id: string;
  origin: string;
}

const originOf = (url: string | undefined): string | undefined => {
  if (url === undefined) return undefined;
  try {
    // Built by hand: `URL.origin` is "null" for schemes it does not know, as outside browsers.
    const { protocol, host } = new URL(url);
    return host === '' ? undefined : `${protocol}//${host}`;
  } catch {
    return undefined;
  }
};

/**
 * A message from one of the extension's own pages (popup, options, editor, background). Content
 * scripts share the extension's id but run on the page's URL, and send nothing in this protocol,
 * so they — and any other extension or web page — are not heard.
 */
export function isFromExtensionPage(sender: MessageSender, self: ExtensionSelf): boolean {
  if (sender.id !== self.id) return false;
  // Chrome gives `origin` too; both, when present, must be the extension's.
  const fromUrl = originOf(sender.url);
  return fromUrl === self.origin && (sender.origin === undefined || sender.origin === self.origin);
}

/**
 * Answer one raw message: `undefined` if it is not part of this protocol, or not from one of the
 * extension's own pages (so nobody else learns anything), else the handler's result, or the reason
 * the request was refused.
 */
export function dispatchToBackground(
  handlers: BackgroundHandlers,
  message: unknown,
  sender: MessageSender,
  self: ExtensionSelf,
): Promise<Result<unknown>> | undefined {
  if (!isFromExtensionPage(sender, self)) return undefined;
  const parsed = envelope.safeParse(message);
  if (!parsed.success) return undefined;
  const { name, payload } = parsed.data;
  if (!isMessageName(name)) return Promise.resolve(fail(`Unknown message "${name}"`));
  return dispatch(handlers, name, payload);
}

async function dispatch<N extends MessageName>(
  handlers: BackgroundHandlers,
  name: N,
  payload: unknown,
): Promise<Result<ResponseOf<N>>> {
  const request = protocol[name].request.safeParse(payload);
  if (!request.success) {
    const issue = request.error.issues[0];
    return fail(`Invalid ${name} request: ${issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'unreadable'}`);
  }
  const handler: BackgroundHandlers[N] = handlers[name];
  try {
    return await handler(request.data);
  } catch (error) {
    return fail(`${name} failed: ${errorMessage(error)}`);
  }
}

/** What `handleMessagesInBackground` listens to: `runtime.onMessage`, or a fake in tests. */
export interface RuntimeMessageEvent {
  addListener(listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): void;
}

/** The running extension as `ExtensionSelf`. */
export function extensionSelf(runtime: { id: string; getURL(path: string): string } = browser.runtime): ExtensionSelf {
  return { id: runtime.id, origin: originOf(runtime.getURL('/')) ?? runtime.getURL('/') };
}

/** Wire the handlers to `runtime.onMessage`; call once, synchronously, from the background's `main()`. */
export function handleMessagesInBackground(
  handlers: BackgroundHandlers,
  onMessage: RuntimeMessageEvent = browser.runtime.onMessage,
  self: ExtensionSelf = extensionSelf(),
): void {
  onMessage.addListener((message, sender) => dispatchToBackground(handlers, message, sender, self));
}
