import { useState } from 'react';
import type { Box } from '@/lib/annotations/geometry';
import { browserCanvases } from '@/lib/annotations/browser-canvas';
import type { Annotation } from '#shared/annotation';
import type { StoredImage } from '@/lib/capture/draft';
import { flattenImage } from '@/lib/image/flatten';
import { errorMessage } from '@/lib/result';

interface DownloadImageProps {
  image: StoredImage;
  crop: Box;
  annotations: readonly Annotation[];
  fileName: string;
}

/** Export the screenshot with every annotation drawn in (and redactions burned in) as a PNG file. */
export function DownloadImage({ image, crop, annotations, fileName }: DownloadImageProps) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    setProblem('');
    const flat = await flattenImage(browserCanvases(document), image, { crop, annotations }).catch((error: unknown) => ({
      ok: false as const,
      reason: errorMessage(error),
    }));
    setBusy(false);
    if (!flat.ok) return setProblem(`Could not export the image: ${flat.reason}`);
    const url = URL.createObjectURL(flat.value);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    // The download has its own copy once it starts.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  return (
    <p className="download">
      <button type="button" disabled={busy} onClick={download}>
        Download image
      </button>{' '}
      <span className="hint">PNG with the annotations drawn in, to attach or share.</span>
      {problem && <span className="problem"> {problem}</span>}
    </p>
  );
}
