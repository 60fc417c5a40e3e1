/**
 * Rules every video camera store follows the same way.
 */
import type { VideoCamera } from '@openrtcc/domain';

/** The registry's order in every store: by name, then id (code-point order, no collation). */
export function byNameThenId(a: VideoCamera, b: VideoCamera): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
