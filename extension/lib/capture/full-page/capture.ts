import { browser } from 'wxt/browser';
import { toRedactionSuggestions } from '../../annotations/suggestions';
import {
  CANNOT_ACCESS,
  commonDetails,
  findTargetTab,
  openDraftInEditor,
  readCaptureContext,
  readShownData,
  type CaptureDeps,
  type PageLayout,
} from '../context';
import type { DetailedDraft } from '../details';
import { decodeImageDataUrl } from '../screen';
import { readCaptureSettings, type CaptureSettings } from '../../settings/capture-settings';
import { captureThrottle, systemClock, type Clock } from '../throttle';
import type { StoredImage } from '../draft';
import { assertStillOnPage, browserFullPageTabs, CaptureStopped, STOPPED, type FullPageTabs } from './guard';
import { checkSection, restoreFullPage, scrollForFrame, type ScrollResult, type SectionCheck } from './scroll';
import { pageInfoSchema, type SensitiveArea } from '../../page/page-info';
import { ALL_SHOWN } from '../../settings/items';
import { errorMessage, fail, type Result } from '../../result';
import { browserStitchCanvas, type FrameImage, type StitchCanvas, type StitchSurface } from './stitch-canvas';
import { browserPageScripts, type PageScripts, type TabAccess, type TargetTab } from '../tab-access';

/** Longer pages are cut here: past it, images get too big to annotate, upload or look at. */
export const FULL_PAGE_MAX_CSS_HEIGHT = 20_000;
/** Chrome and Firefox refuse canvases taller or wider than this many pixels. */
const CANVAS_MAX_SIDE = 32_767;
/** About 240 MB of pixels: what a service worker can hold while encoding. */
const CANVAS_MAX_PIXELS = 60_000_000;

export interface FullPageTools {
  scripts: PageScripts;
  clock: Clock;
  canvas: StitchCanvas;
  tabs: FullPageTabs;
}

export function browserFullPageTools(): FullPageTools {
  return { scripts: browserPageScripts(browser), clock: systemClock, canvas: browserStitchCanvas(), tabs: browserFullPageTabs(browser) };
}

/** The tallest image (CSS pixels) a page `widthPx` device pixels wide may become, at `scale` device px per CSS px. */
export function fullPageLimit(scale: number, widthPx: number): number {
  return Math.floor(Math.min(FULL_PAGE_MAX_CSS_HEIGHT, CANVAS_MAX_SIDE / scale, CANVAS_MAX_PIXELS / Math.max(1, widthPx) / scale));
}

interface Stitched {
  image: StoredImage;
  /** CSS pixels of the page the image shows, from the top. */
  height: number;
  /** The page was longer than the limit. */
  cut: boolean;
  /** Private elements and personal data, in CSS px of the whole page, as each section showed them. */
  areas: SensitiveArea[];
}

/** How far a long capture is, for the popup. */
export interface FullPageProgress {
  section: number;
  of: number;
}

/** The caller's hold on a running capture. */
export interface FullPageControl {
  signal?: AbortSignal;
  onProgress?: (progress: FullPageProgress) => void;
}

/**
 * Scroll the page a screen at a time, capture each screen (spaced for Chrome's limit of two
 * captures a second) and copy the new rows of each onto one canvas. The first screen keeps fixed
 * elements; later ones hide them so a sticky header appears once. Every section is checked to come
 * from the same tab, document and scroll position, and is searched for what to redact as it shows.
 */
async function stitchPage(
  deps: Pick<CaptureDeps, 'tabs' | 'captureSettings'>,
  tools: FullPageTools,
  tab: TargetTab,
  layout: PageLayout,
  control: FullPageControl,
): Promise<Stitched> {
  const throttle = captureThrottle(tools.clock);
  const settings = await (deps.captureSettings ?? readCaptureSettings)();
  const mark = crypto.randomUUID();
  let interrupted: string | undefined;
  const unwatch = tools.tabs.watch(tab, (reason) => (interrupted ??= reason));
  const stillOnPage = () => assertStillOnPage(tools.tabs, tab, () => interrupted, control.signal);
  const scroll = async (y: number, hideFixed: boolean): Promise<ScrollResult> => {
    const result = await tools.scripts.run(tab.id, scrollForFrame, [y, hideFixed, mark]);
    if (!isScrollResult(result)) throw new Error('the page did not say where it scrolled to');
    if (hideFixed && result.previousMark !== mark) throw new CaptureStopped(STOPPED.navigated);
    return result;
  };
  const capture = async (): Promise<FrameImage> => {
    await stillOnPage();
    const image = decodeImageDataUrl(await throttle(() => deps.tabs.captureVisible(tab.windowId)));
    await stillOnPage();
    if (!image.ok) throw new Error(image.reason);
    return tools.canvas.decode(image.value);
  };
  const areas: SensitiveArea[] = [];
  /** What the section at `y` shows that must be redacted, measured after its screenshot, then checked to be the same page. */
  const searchSection = async (y: number) => {
    const found = await sectionAreas(deps.tabs, tab.id, settings);
    const check = await tools.scripts.run(tab.id, checkSection, [mark]);
    if (!isSectionCheck(check) || !check.sameDocument) throw new CaptureStopped(STOPPED.navigated);
    if (Math.abs(check.y - y) > 1) throw new CaptureStopped(STOPPED.scrolled);
    for (const area of found) areas.push({ ...area, y: area.y + y });
  };

  try {
    let position = await scroll(0, false);
    let frame = await capture();
    // Device pixels per CSS pixel, as captured: the device pixel ratio and the zoom together.
    const scale = frame.width / layout.viewport.width;
    const widthPx = Math.min(frame.width, Math.round(layout.clientSize.width * scale));
    const limit = fullPageLimit(scale, widthPx);
    const target = Math.min(layout.documentSize.height, limit);
    const sections = Math.max(1, Math.ceil(target / Math.max(1, position.clientHeight)));
    control.onProgress?.({ section: 1, of: sections });
    await searchSection(position.y);
    const surface: StitchSurface = tools.canvas.create(widthPx, Math.round(target * scale));

    let filled = 0;
    const maxFrames = sections + 2;
    for (let frames = 0; ; frames += 1) {
      // Only rows not drawn yet: the first screen (with its fixed header) is never painted over.
      const from = Math.max(position.y, filled);
      const to = Math.min(position.y + position.clientHeight, target);
      if (to > from) {
        const sourceY = Math.round((from - position.y) * scale);
        const rows = Math.min(Math.round((to - from) * scale), frame.height - sourceY);
        surface.draw(frame, { x: 0, y: sourceY, width: widthPx, height: rows }, { x: 0, y: Math.round(from * scale) });
        filled = to;
      }
      frame.close();
      if (filled >= target || frames >= maxFrames) break;
      const next = await scroll(filled, true);
      // A page that will not scroll further (an inner scroller, a footer that shrinks) ends here.
      if (next.y + next.clientHeight <= filled) break;
      position = next;
      control.onProgress?.({ section: frames + 2, of: Math.max(sections, frames + 2) });
      frame = await capture();
      await searchSection(position.y);
    }
    const height = Math.floor(filled);
    return { image: await surface.encode(Math.round(height * scale)), height, cut: layout.documentSize.height > limit && height >= limit, areas };
  } finally {
    unwatch();
  }
}

/** Private elements and personal data the viewport shows now, in its CSS px. */
async function sectionAreas(tabs: TabAccess, tabId: number, settings: CaptureSettings): Promise<SensitiveArea[]> {
  const raw = await (settings.privateSelectors.length > 0 ? tabs.readPage(tabId, settings.privateSelectors) : tabs.readPage(tabId));
  const info = pageInfoSchema.safeParse(raw);
  if (!info.success) throw new Error('the page did not say what it shows');
  const shown = await readShownData(tabs, tabId, settings.redactShown ?? ALL_SHOWN);
  if (!shown.ok) throw new CaptureStopped(shown.reason);
  return [...(info.data.sensitiveAreas ?? []), ...shown.value];
}

function isScrollResult(value: unknown): value is ScrollResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'y' in value &&
    typeof value.y === 'number' &&
    'clientHeight' in value &&
    typeof value.clientHeight === 'number' &&
    value.clientHeight > 0 &&
    'previousMark' in value &&
    (value.previousMark === null || typeof value.previousMark === 'string')
  );
}

function isSectionCheck(value: unknown): value is SectionCheck {
  return typeof value === 'object' && value !== null && 'sameDocument' in value && typeof value.sameDocument === 'boolean' && 'y' in value && typeof value.y === 'number';
}

/**
 * Screenshot the whole page the user is looking at (up to `FULL_PAGE_MAX_CSS_HEIGHT`), save it as a
 * draft and open the editor on it. The page's scroll position and fixed elements are put back
 * afterwards, whatever happened; a capture that could not stay on one page stops and says why.
 */
export async function captureFullPage(
  deps: CaptureDeps,
  tools: FullPageTools = browserFullPageTools(),
  control: FullPageControl = {},
): Promise<Result<{ draftId: string }>> {
  const tab = await findTargetTab(deps);
  if (!tab.ok) return tab;
  const context = await readCaptureContext(deps, tab.value.id, { url: tab.value.url, scope: 'document' });
  if (!context.ok) return context;
  const { layout } = context.value;

  let stitched: Stitched;
  try {
    stitched = await stitchPage(deps, tools, tab.value, layout, control);
  } catch (error) {
    if (error instanceof CaptureStopped) return fail(error.message);
    return fail(isAccessError(error) ? CANNOT_ACCESS : `Snag could not capture the whole page: ${errorMessage(error)}`);
  } finally {
    await tools.scripts.run(tab.value.id, restoreFullPage, [layout.scroll]).catch(() => undefined);
  }

  // Measured section by section, in page coordinates; the image starts at the page's top left.
  const redactionSuggestions = toRedactionSuggestions(stitched.areas, {
    width: layout.clientSize.width,
    height: stitched.height,
  });
  const draft: DetailedDraft = {
    id: deps.newId(),
    kind: 'screenshot',
    page: context.value.page,
    environment: context.value.environment,
    createdAt: new Date(deps.now()).toISOString(),
    image: stitched.image,
    ...(redactionSuggestions.length > 0 ? { redactionSuggestions } : {}),
    details: {
      ...commonDetails(context.value.details),
      fullPage: { pageHeight: layout.documentSize.height, capturedHeight: stitched.height, cut: stitched.cut },
    },
  };
  return openDraftInEditor(deps, draft, tab.value);
}

/** The browser would not let Snag into the tab (no activeTab grant, a browser page). */
const isAccessError = (error: unknown) =>
  error instanceof Error && /permission|cannot access|cannot be scripted|missing host/i.test(error.message);
