import { useEffect, useState } from 'react';
import type { CaptureApi } from './capture-api';
import { isAbort } from './http';

export type ScreenshotState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'error' };

/**
 * Fetch a capture's screenshot (it needs the Authorization header, so it cannot be a plain
 * <img src>) and expose it as an object URL, revoked when the component unmounts or the capture
 * changes. Nothing is fetched until `enabled` (e.g. once a thumbnail scrolls into view).
 */
export function useScreenshot(api: CaptureApi, id: string, enabled: boolean): ScreenshotState {
  const [state, setState] = useState<ScreenshotState>({ status: 'idle' });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    setState({ status: 'loading' });
    api.screenshot(id, controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ status: 'ready', url: objectUrl });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState({ status: 'error' });
      },
    );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, id, enabled]);

  return state;
}
