import type { CaptureKind } from '#shared/capture';
import { KIND_LABELS } from './format';

export function KindBadge({ kind }: { kind: CaptureKind }) {
  return <span className={`kind-badge kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}
