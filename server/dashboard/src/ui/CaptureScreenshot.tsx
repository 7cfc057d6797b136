import { useRef, type CSSProperties } from 'react';
import type { Capture } from '#shared/capture';
import type { CaptureApi } from './capture-api';
import { AnnotatedImage } from './AnnotatedImage';
import { pageLabel } from './format';
import { useInView } from './use-in-view';
import { useScreenshot, type ScreenshotState } from './use-screenshot';

export const SCREENSHOT_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/webp': 'webp',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export function screenshotAlt(capture: Capture): string {
  return `Screenshot of ${pageLabel(capture.page)}`;
}

export function annotationCount(count: number): string {
  return count === 1 ? '1 annotation' : `${count} annotations`;
}

/** What stands in for the image until it is there (or when it never will be). */
export function ScreenshotPlaceholder({
  capture,
  state,
  maxHeight,
}: {
  capture: Capture;
  state: ScreenshotState;
  maxHeight?: string;
}) {
  const { width, height } = capture.environment.viewport;
  const message =
    capture.screenshot === null
      ? 'Screenshot not uploaded yet'
      : state.status === 'error'
        ? 'Screenshot unavailable'
        : 'Loading screenshot…';
  const style: CSSProperties = {
    aspectRatio: `${width} / ${height}`,
    maxWidth: maxHeight ? `calc(${maxHeight} * ${width / height})` : undefined,
  };
  return (
    <div className="screenshot-placeholder" style={style} aria-busy={state.status === 'loading'}>
      <span>{message}</span>
    </div>
  );
}

const THUMBNAIL_HEIGHT = '7.5rem';

/** A feed row's small screenshot, fetched only once it scrolls near the viewport. */
export function CaptureScreenshot({ api, capture }: { api: CaptureApi; capture: Capture; variant: 'thumbnail' }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const nearViewport = useInView(boxRef);
  const state = useScreenshot(api, capture.id, capture.screenshot !== null && nearViewport);
  const { width, height } = capture.environment.viewport;

  return (
    <div className="card-thumbnail" ref={boxRef}>
      {state.status === 'ready' ? (
        <AnnotatedImage
          src={state.url}
          alt={screenshotAlt(capture)}
          annotations={capture.annotations}
          expectedSize={{ width, height }}
          maxHeight={THUMBNAIL_HEIGHT}
          strokeWidth={2}
        />
      ) : (
        <ScreenshotPlaceholder capture={capture} state={state} maxHeight={THUMBNAIL_HEIGHT} />
      )}
    </div>
  );
}
