import { useRef, type CSSProperties } from 'react';
import type { Capture } from '#shared/capture';
import type { CaptureApi } from './capture-api';
import { AnnotatedImage, type Size } from './AnnotatedImage';
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

/** The screenshot with its annotations once it has loaded, the placeholder until then. */
export function ScreenshotOrPlaceholder({
  capture,
  state,
  maxHeight,
  strokeWidth,
  displayWidth,
  onNaturalSize,
}: {
  capture: Capture;
  state: ScreenshotState;
  maxHeight?: string;
  strokeWidth: number;
  displayWidth?: number | undefined;
  onNaturalSize?: (size: Size) => void;
}) {
  if (state.status !== 'ready') return <ScreenshotPlaceholder capture={capture} state={state} maxHeight={maxHeight} />;
  const { width, height } = capture.environment.viewport;
  return (
    <AnnotatedImage
      src={state.url}
      alt={screenshotAlt(capture)}
      annotations={capture.annotations}
      expectedSize={{ width, height }}
      maxHeight={maxHeight}
      strokeWidth={strokeWidth}
      displayWidth={displayWidth}
      onNaturalSize={onNaturalSize}
    />
  );
}

const THUMBNAIL_HEIGHT = '7.5rem';

/** A feed row's small screenshot, fetched only once it scrolls near the viewport. */
export function CaptureScreenshot({ api, capture }: { api: CaptureApi; capture: Capture; variant: 'thumbnail' }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const nearViewport = useInView(boxRef);
  const state = useScreenshot(api, capture.id, capture.screenshot !== null && nearViewport);

  return (
    <div className="card-thumbnail" ref={boxRef}>
      <ScreenshotOrPlaceholder capture={capture} state={state} maxHeight={THUMBNAIL_HEIGHT} strokeWidth={2} />
    </div>
  );
}
