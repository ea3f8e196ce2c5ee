/** Counts that describe a Snapshot (or a HostView, whose images were counted, not listed) at a glance. */
import type { HostView, Snapshot } from '../snapshot/types.js';
import type { Inventory } from './types.js';

export function inventoryOf(s: Snapshot | HostView): Inventory {
  const images = 'images' in s ? s.images : undefined;
  return {
    images: images?.length ?? (s as HostView).imageCount,
    danglingImages: images?.filter((i) => i.dangling).length,
    imageBytes: images?.reduce((n, i) => n + i.sizeBytes, 0),
    containers: s.containers.length,
    runningContainers: s.containers.filter((c) => c.state === 'running').length,
    services: s.services?.length,
    volumes: s.volumes.length,
    networks: s.networks.length,
    buildCacheBytes: s.buildCacheBytes,
  };
}
