import { reviewedCapture, type CaptureDetail, type ReviewedCapture } from '#shared/review';

let counter = 0;

/** A capture as GET /captures answers it, with `overrides` on top. Ids are valid UUIDv7s. */
export function reviewed(overrides: Partial<ReviewedCapture> = {}): ReviewedCapture {
  counter += 1;
  const id = `01938f1e-7c4a-7b2e-8a3f-${String(counter).padStart(12, '0')}`;
  return reviewedCapture.parse({
    id,
    kind: 'friction',
    page: { url: `https://app.example.com/accounts/${counter}/billing`, title: `Billing ${counter}` },
    comment: `Comment ${counter}`,
    tags: ['checkout'],
    createdAt: '2026-11-22T10:00:00.000Z',
    annotations: [],
    environment: {
      browser: { name: 'Chrome', version: '131' },
      os: 'macOS',
      viewport: { width: 1440, height: 900 },
      devicePixelRatio: 2,
      language: 'en-GB',
    },
    reporter: { id: 'u2', name: 'Sam Support' },
    receivedAt: '2026-11-22T10:00:01.000Z',
    screenshot: null,
    triage: { status: 'new', priority: null, assignee: null, mergedInto: null, updatedAt: '2026-11-22T10:00:01.000Z' },
    counts: { comments: 0, duplicates: 0, reporters: 1, customers: 0 },
    routeKey: 'app.example.com/accounts/:id/billing',
    elementKey: null,
    ...overrides,
  });
}

export function detailOf(capture: ReviewedCapture, overrides: Partial<CaptureDetail> = {}): CaptureDetail {
  return { ...capture, reporters: [capture.reporter], customers: [], duplicates: [], ...overrides };
}
