import type { CaptureDeps } from '@/lib/capture/context';
import type { FullPageTools } from '@/lib/capture/full-page/capture';
import type { Clock } from '@/lib/capture/throttle';
import type { FullPageTabs } from '@/lib/capture/full-page/guard';
import { checkSection, restoreFullPage, scrollForFrame } from '@/lib/capture/full-page/scroll';
import type { PageInfo, PageInfoRequest, SensitiveArea } from '@/lib/page/page-info';
import type { FrameImage, PixelBox, StitchCanvas } from '@/lib/capture/full-page/stitch-canvas';
import type { PageScripts, TabAccess } from '@/lib/capture/tab-access';
import { freshDb } from '../../helpers';

// A page, a tab and a canvas for full-page captures, with the browser's moves scripted by each test.

export function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

export interface FakeFrame extends FrameImage {
  scrollY: number;
}

/** Something on the page to redact: in page coordinates, or in the viewport's when fixed. */
export interface FakeElement {
  kind: SensitiveArea['kind'];
  x: number;
  y: number;
  width: number;
  height: number;
  fixed?: boolean;
  /** Lazy content: only there once the page was scrolled this far. */
  appearsAt?: number;
}

export interface FakePageOptions {
  height: number;
  scale?: number;
  failAtFrame?: number;
  elements?: FakeElement[];
  /** Runs before the numbered screenshot (1-based): the user switches tabs, the page navigates… */
  beforeCapture?: (frame: number, page: FakePageControls) => void;
}

export interface FakePageControls {
  switchTab(): void;
  navigate(): void;
  scrollTo(y: number): void;
  reportToWatcher(reason: string): void;
}

/**
 * A page `height` CSS px tall in a 1000 × 500 viewport (985 × 485 without scrollbars) at `scale`
 * device px per CSS px. Screenshots say where the page was scrolled; the canvas records each copy.
 */
export function fakeBrowserPage({ height, scale = 1, failAtFrame, elements = [{ kind: 'password', x: 100, y: 1000, width: 200, height: 30 }], beforeCapture }: FakePageOptions) {
  const clock = fakeClock();
  const client = { width: 985, height: 485 };
  let scrollY = 0;
  let hidden = false;
  let active = true;
  let mark: string | null = null;
  let furthest = 0;
  let watcher: ((reason: string) => void) | undefined;
  const log: string[] = [];
  const captureTimes: number[] = [];
  const draws: Array<{ frame: number; source: PixelBox; at: { x: number; y: number } }> = [];
  let surface: { width: number; height: number; encodedRows?: number } | undefined;
  const readRequests: Array<PageInfoRequest | undefined> = [];
  const controls: FakePageControls = {
    switchTab: () => (active = false),
    navigate: () => (mark = null),
    scrollTo: (y) => (scrollY = y),
    reportToWatcher: (reason) => watcher?.(reason),
  };

  const info: PageInfo = {
    url: 'https://shop.example.com/terms',
    title: 'Terms',
    viewport: { width: 1000, height: 500 },
    devicePixelRatio: scale,
    language: 'en',
    selection: '',
    scroll: { x: 0, y: 700 },
    documentSize: { width: 985, height },
    clientSize: client,
  };

  /** What the viewport shows now, in its coordinates. */
  const inView = (predicate: (element: FakeElement) => boolean): SensitiveArea[] =>
    elements.flatMap(({ fixed, appearsAt, ...element }) => {
      if (!predicate({ ...element, ...(fixed ? { fixed } : {}) }) || (appearsAt !== undefined && furthest < appearsAt)) return [];
      if (fixed) return hidden ? [] : [element];
      const y = element.y - scrollY;
      return y + element.height > 0 && y < info.viewport.height ? [{ ...element, y }] : [];
    });

  const tabs: TabAccess = {
    activeTab: async () => ({ id: 5, windowId: 2, url: info.url }),
    async captureVisible() {
      captureTimes.push(clock.now());
      beforeCapture?.(captureTimes.length, controls);
      if (failAtFrame !== undefined && captureTimes.length === failAtFrame) throw new Error('tab closed');
      log.push(`capture@${scrollY}${hidden ? ' (fixed hidden)' : ''}${active ? '' : ' (another tab)'}`);
      return `data:image/png;base64,${btoa(`frame:${scrollY}`)}`;
    },
    async readPage(_tab, _selectors, request) {
      readRequests.push(request);
      return request?.scope === 'document' ? info : { ...info, sensitiveAreas: inView((element) => !element.kind.endsWith('-text')) };
    },
    readVisibleData: async () => inView((element) => element.kind.endsWith('-text')),
    openEditor: async () => undefined,
  };

  const scripts: PageScripts = {
    async run(_tabId, func, args) {
      const which: unknown = func;
      if (which === scrollForFrame) {
        const [y, hideFixed, newMark] = args;
        if (typeof y !== 'number' || typeof newMark !== 'string') throw new Error('bad args');
        if (hideFixed === true) hidden = true;
        const previousMark = mark;
        mark = newMark;
        scrollY = Math.max(0, Math.min(y, height - client.height));
        furthest = Math.max(furthest, scrollY);
        log.push(`scroll ${y}`);
        return { y: scrollY, clientHeight: client.height, previousMark };
      }
      if (which === checkSection) return { sameDocument: mark === args[0], y: scrollY };
      if (which === restoreFullPage) {
        log.push(`restore ${JSON.stringify(args[0])}`);
        hidden = false;
        return undefined;
      }
      throw new Error('unexpected page function');
    },
    runFile: async () => undefined,
  };

  const canvas: StitchCanvas = {
    async decode(image) {
      const text = new TextDecoder().decode(image.bytes);
      const frame: FakeFrame = { width: 1000 * scale, height: 500 * scale, scrollY: Number(text.split(':')[1]), close: () => undefined };
      return frame;
    },
    create(width, rows) {
      const created: { width: number; height: number; encodedRows?: number } = { width, height: rows };
      surface = created;
      return {
        draw(frame, source, at) {
          const scrolled = 'scrollY' in frame && typeof frame.scrollY === 'number' ? frame.scrollY : -1;
          draws.push({ frame: scrolled, source, at });
        },
        async encode(encodedRows) {
          created.encodedRows = encodedRows;
          return { bytes: new TextEncoder().encode('stitched').buffer, contentType: 'image/png' };
        },
      };
    },
  };

  const fullPageTabs: FullPageTabs = {
    state: async () => ({ active, windowId: 2, url: info.url, minimized: false }),
    watch(_tab, onChange) {
      watcher = onChange;
      return () => (watcher = undefined);
    },
  };

  const tools: FullPageTools = { scripts, clock, canvas, tabs: fullPageTabs };
  return { tabs, tools, clock, log, captureTimes, draws, surface: () => surface, readRequests, watching: () => watcher !== undefined };
}

export async function deps(tabs: TabAccess): Promise<CaptureDeps> {
  return {
    db: await freshDb(),
    tabs,
    systemInfo: async () => ({ browser: { name: 'Chrome', version: '156' }, os: 'Linux', extensionVersion: '0.1.0' }),
    now: () => Date.parse('2026-11-22T13:00:00Z'),
    newId: () => 'draft-1',
    extensionOrigin: 'chrome-extension://abc',
    captureSettings: async () => ({ privateSelectors: [], customerRules: [] }),
  };
}

