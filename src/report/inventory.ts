/** Counts that describe a Snapshot at a glance. */
import type { Snapshot } from '../snapshot/types.js';
import type { Inventory } from './types.js';

export function inventoryOf(s: Snapshot): Inventory {
  return {
    images: s.images.length,
    danglingImages: s.images.filter((i) => i.dangling).length,
    imageBytes: s.images.reduce((n, i) => n + i.sizeBytes, 0),
    containers: s.containers.length,
    runningContainers: s.containers.filter((c) => c.state === 'running').length,
    services: s.services?.length,
    volumes: s.volumes.length,
    networks: s.networks.length,
    buildCacheBytes: s.buildCacheBytes,
  };
}
