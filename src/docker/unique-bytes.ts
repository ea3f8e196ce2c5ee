/**
 * Bytes that removing each image would free (its layers no other image shares), from
 * `docker system df -v` (one call; docker prints 4 significant digits). Used only when an LRU
 * eviction is being planned: on a big host this call walks layer sizes and costs seconds.
 */
import { z } from 'zod';
import type { Docker } from './cli.js';
import { systemDf } from './system-df.js';
import { parseBytes } from '../inputs/units.js';

const DfImages = z.array(z.object({ ID: z.string(), UniqueSize: z.string() }));

export async function readUniqueBytes(docker: Docker): Promise<Map<string, number>> {
  // a busy daemon (another disk-usage walk) leaves the sizes unknown: the plan then uses each
  // image's full size and says so
  const images = (await systemDf(docker, ['system', 'df', '--verbose', '--format', '{{json .Images}}'], DfImages))?.[0] ?? [];
  const out = new Map<string, number>();
  for (const i of images) {
    const bytes = parseBytes(i.UniqueSize);
    if (bytes !== undefined) out.set(i.ID, bytes);
  }
  return out;
}
