import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import type { Capture } from '#shared/capture';
import type { CaptureApi } from '../ui/capture-api';
import type { Size } from '../ui/AnnotatedImage';
import { annotationCount, SCREENSHOT_EXTENSIONS, ScreenshotOrPlaceholder } from '../ui/CaptureScreenshot';
import { ignoresShortcuts } from '../ui/triage/keyboard';
import { useScreenshot } from '../ui/use-screenshot';
import { nextZoom, type Zoom } from './zoom';

/**
 * The capture's screenshot with its annotations redrawn as vectors (sharp at any zoom): fit to
 * the width or 100%, zoom with the buttons or +/-, pan by dragging or scrolling.
 */
export function ScreenshotViewer({ api, capture }: { api: CaptureApi; capture: Capture }) {
  const state = useScreenshot(api, capture.id, capture.screenshot !== null);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [natural, setNatural] = useState<Size | null>(null);
  const [viewportWidth, setViewportWidth] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number; pointer: number } | null>(null);

  useEffect(() => {
    const element = viewport.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewportWidth(element.clientWidth));
    observer.observe(element);
    setViewportWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [state.status]);

  const fitScale = natural && viewportWidth > 0 ? Math.min(1, viewportWidth / natural.width) : 1;
  const scale = zoom === 'fit' ? fitScale : zoom;
  const zoomRef = useRef({ scale, fitScale });
  useLayoutEffect(() => {
    zoomRef.current = { scale, fitScale };
  });

  // Zooming keeps the middle of what is in view in the middle.
  const previousScale = useRef(scale);
  useLayoutEffect(() => {
    const element = viewport.current;
    const before = previousScale.current;
    previousScale.current = scale;
    if (!element || before === scale) return;
    const ratio = scale / before;
    const centreX = element.scrollLeft + element.clientWidth / 2;
    const centreY = element.scrollTop + element.clientHeight / 2;
    element.scrollLeft = centreX * ratio - element.clientWidth / 2;
    element.scrollTop = centreY * ratio - element.clientHeight / 2;
  }, [scale]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]') || ignoresShortcuts(event.target, event.key)) return;
      const direction = event.key === '+' || event.key === '=' ? 1 : event.key === '-' ? -1 : 0;
      if (direction === 0) return;
      event.preventDefault();
      const { scale: now, fitScale: fit } = zoomRef.current;
      setZoom(nextZoom(now, direction, fit));
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const pannable = natural !== null && natural.width * scale > viewportWidth + 1;

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    const element = viewport.current;
    if (!element || event.button !== 0 || event.pointerType === 'touch') return;
    drag.current = { x: event.clientX, y: event.clientY, left: element.scrollLeft, top: element.scrollTop, pointer: event.pointerId };
    element.setPointerCapture(event.pointerId);
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const element = viewport.current;
    const start = drag.current;
    if (!element || !start || start.pointer !== event.pointerId) return;
    element.scrollLeft = start.left - (event.clientX - start.x);
    element.scrollTop = start.top - (event.clientY - start.y);
  }
  function endDrag() {
    drag.current = null;
  }

  const info = capture.screenshot;
  const percent = Math.round(scale * 100);

  return (
    <div className="detail-screenshot">
      {state.status === 'ready' && (
        <div className="zoom-toolbar" role="group" aria-label="Zoom">
          <button type="button" className="button-secondary button-small" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
            Fit
          </button>
          <button type="button" className="button-secondary button-small" aria-pressed={zoom === 1} onClick={() => setZoom(1)}>
            100%
          </button>
          <button
            type="button"
            className="button-secondary button-small"
            aria-label="Zoom out"
            onClick={() => setZoom(nextZoom(scale, -1, fitScale))}
          >
            −
          </button>
          <output className="zoom-level" aria-live="polite">
            {percent}%
          </output>
          <button
            type="button"
            className="button-secondary button-small"
            aria-label="Zoom in"
            onClick={() => setZoom(nextZoom(scale, 1, fitScale))}
          >
            +
          </button>
          {info && (
            <a
              className="screenshot-download"
              href={state.url}
              download={`snag-${capture.id}.${SCREENSHOT_EXTENSIONS[info.contentType] ?? 'img'}`}
            >
              Download screenshot
            </a>
          )}
        </div>
      )}
      <figure>
        <div
          ref={viewport}
          className={`zoom-viewport${pannable ? ' is-pannable' : ''}`}
          tabIndex={state.status === 'ready' ? 0 : undefined}
          aria-label={state.status === 'ready' ? 'Screenshot viewer: scroll or drag to pan, + and − to zoom' : undefined}
          role={state.status === 'ready' ? 'region' : undefined}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
        >
          <ScreenshotOrPlaceholder
            capture={capture}
            state={state}
            strokeWidth={3}
            displayWidth={zoom === 'fit' || natural === null ? undefined : Math.round(natural.width * scale)}
            onNaturalSize={setNatural}
          />
        </div>
        <figcaption>{capture.annotations.length === 0 ? 'No annotations' : annotationCount(capture.annotations.length)}</figcaption>
      </figure>
    </div>
  );
}
