import { useRef, type CSSProperties } from 'react';
import type { Capture } from '#shared/capture';
import type { ApiClient } from './api';
import { AnnotatedImage } from './AnnotatedImage';
import { pageLabel } from './format';
import { useInView } from './use-in-view';
import { useScreenshot } from './use-screenshot';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/webp': 'webp',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

interface CaptureScreenshotProps {
  api: ApiClient;
  capture: Capture;
  /** A small lazy-loaded preview for the feed, or the full image for the detail view. */
  variant: 'thumbnail' | 'full';
}

export function screenshotAlt(capture: Capture): string {
  return `Screenshot of ${pageLabel(capture.page)}`;
}

export function annotationCount(count: number): string {
  return count === 1 ? '1 annotation' : `${count} annotations`;
}

/** A capture's screenshot with its annotations, from fetch to placeholder to image. */
export function CaptureScreenshot({ api, capture, variant }: CaptureScreenshotProps) {
  const thumbnail = variant === 'thumbnail';
  const boxRef = useRef<HTMLDivElement>(null);
  const nearViewport = useInView(boxRef);
  const uploaded = capture.screenshot !== null;
  const state = useScreenshot(api, capture.id, uploaded && (!thumbnail || nearViewport));

  const { width, height } = capture.environment.viewport;
  const maxHeight = thumbnail ? '11rem' : undefined;

  let content;
  if (state.status === 'ready') {
    content = (
      <AnnotatedImage
        src={state.url}
        alt={screenshotAlt(capture)}
        annotations={capture.annotations}
        expectedSize={{ width, height }}
        maxHeight={maxHeight}
        strokeWidth={thumbnail ? 2 : 3}
      />
    );
  } else {
    const message = !uploaded
      ? 'Screenshot not uploaded yet'
      : state.status === 'error'
        ? 'Screenshot unavailable'
        : 'Loading screenshot…';
    const placeholderStyle: CSSProperties = {
      aspectRatio: `${width} / ${height}`,
      maxWidth: maxHeight ? `calc(${maxHeight} * ${width / height})` : undefined,
    };
    content = (
      <div className="screenshot-placeholder" style={placeholderStyle} aria-busy={state.status === 'loading'}>
        <span>{message}</span>
      </div>
    );
  }

  if (thumbnail) {
    return (
      <div className="card-thumbnail" ref={boxRef}>
        {content}
      </div>
    );
  }

  const info = capture.screenshot;
  return (
    <div className="detail-screenshot">
      <figure>
        {content}
        <figcaption>
          {capture.annotations.length === 0 ? 'No annotations' : annotationCount(capture.annotations.length)}
        </figcaption>
      </figure>
      {state.status === 'ready' && info && (
        <p className="screenshot-download">
          <a href={state.url} download={`snag-${capture.id}.${EXTENSIONS[info.contentType] ?? 'img'}`}>
            Download screenshot
          </a>
        </p>
      )}
    </div>
  );
}
