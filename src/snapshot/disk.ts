/** Disk usage of the filesystem holding a path, measured like df (statfs, no subprocess). */
import { statfs } from 'node:fs/promises';
import type { Disk } from './types.js';

const pct = (used: number, total: number): number => (total > 0 ? Math.round((used / total) * 1000) / 10 : 0);

export async function measureDisk(path: string): Promise<Disk> {
  const s = await statfs(path);
  const totalBytes = s.blocks * s.bsize;
  const usedBytes = (s.blocks - s.bfree) * s.bsize;
  const availBytes = s.bavail * s.bsize;
  const inodesUsed = s.files - s.ffree;
  // df's Use% is used / (used + avail): root-reserved blocks count as unusable.
  const bytesPercent = pct(usedBytes, usedBytes + availBytes);
  const inodesPercent = pct(inodesUsed, s.files);
  return {
    path, totalBytes, usedBytes, availBytes, bytesPercent,
    inodesTotal: s.files, inodesUsed, inodesPercent,
    usedPercent: Math.max(bytesPercent, inodesPercent),
  };
}
