import type { CustomerSuggestion } from '#shared/api';
import type { Capture, ParsedCaptureInput, Reporter, ScreenshotInfo } from '#shared/capture';

/** The captures part: what the extension sends (captures, their screenshots), the tag list it offers and the customers it suggests. */
export interface CaptureStore {
  createCapture(capture: NewCapture): Promise<CreateCaptureResult>;
  /** A published capture: one that announced a screenshot is absent until the screenshot arrives. */
  getCapture(id: string): Promise<Capture | null>;
  /** Any capture, published or not, with the screenshot it announced: what an upload is checked against. */
  findScreenshotTarget(id: string): Promise<ScreenshotTarget | null>;
  /** Records an uploaded screenshot unless the capture already has a different one. */
  attachScreenshot(id: string, screenshot: ScreenshotInfo): Promise<AttachScreenshotResult>;

  /** The workspace's tag list, in order. */
  listWorkspaceTags(): Promise<string[]>;
  /** Replace the whole list (already normalised and without duplicates); answers the new list. */
  replaceWorkspaceTags(tags: readonly string[]): Promise<string[]>;
  /** Customers earlier captures named whose name starts with `prefix` (any case), most recent first. */
  suggestCustomers(query: SuggestCustomersQuery): Promise<CustomerSuggestion[]>;
}

export interface NewCapture {
  input: ParsedCaptureInput;
  /** Hash of the canonical parsed input: equal hashes mean a retry of the same upload. */
  inputHash: string;
  /** The authenticated user; must exist in the store. */
  reporter: Reporter;
  receivedAt: string;
}

export type CreateCaptureResult =
  | { status: 'created'; capture: Capture }
  | { status: 'existing'; capture: Capture }
  /** The id is taken by a different capture (different body or different reporter). */
  | { status: 'conflict'; capture: Capture };

export interface SuggestCustomersQuery {
  prefix: string;
  limit: number;
}

export interface ScreenshotTarget {
  capture: Capture;
  declared: ScreenshotInfo | null;
}

export type AttachScreenshotResult =
  | { status: 'attached'; capture: Capture }
  | { status: 'existing'; capture: Capture }
  | { status: 'conflict'; capture: Capture }
  | { status: 'not_found' };
