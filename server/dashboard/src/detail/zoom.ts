/** The screenshot's zoom: fit the width, or a scale (1 = the image's own pixels). */
export type Zoom = 'fit' | number;

export const ZOOM_STEPS: readonly number[] = [0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4, 6, 8];

const EPSILON = 0.001;

/**
 * One step in or out from the current scale. Passing the fit scale on the way lands on "fit", so
 * zooming out always finds the whole-width view again.
 */
export function nextZoom(current: number, direction: 1 | -1, fitScale: number): Zoom {
  if (direction === 1) {
    const step = ZOOM_STEPS.find((candidate) => candidate > current + EPSILON);
    if (current < fitScale - EPSILON && (step === undefined || step > fitScale + EPSILON)) return 'fit';
    return step ?? current;
  }
  const step = [...ZOOM_STEPS].reverse().find((candidate) => candidate < current - EPSILON);
  if (current > fitScale + EPSILON && (step === undefined || step < fitScale - EPSILON)) return 'fit';
  return step ?? current;
}
