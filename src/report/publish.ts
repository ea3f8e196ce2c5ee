/** Hands a finished RunReport to every sink: outputs, job summary, JSON report file. */
import { writeAtomic } from '../runtime/atomic-file.js';
import type { Config } from '../inputs/config.js';
import type { Output } from '../runtime/output.js';
import { renderSummary } from './markdown.js';
import type { RunReport } from './types.js';

export async function publish(report: RunReport, config: Config, out: Output): Promise<void> {
  out.setOutput('mode', report.mode);
  out.setOutput('gate', report.gate);
  out.setOutput('pruned', report.pruned);
  out.setOutput('reclaimed-bytes', report.reclaimed.total);
  if (report.disk.before) out.setOutput('disk-used-percent-before', report.disk.before.usedPercent);
  const after = report.disk.after ?? report.disk.before;
  if (after) out.setOutput('disk-used-percent-after', after.usedPercent);
  out.setOutput('images-total', (report.inventory.after ?? report.inventory.before).images);
  if (config.reportFile) {
    try {
      await writeAtomic(config.reportFile, `${JSON.stringify(report, null, 2)}\n`);
      out.setOutput('report-file', config.reportFile);
    } catch (e) {
      out.warn(`could not write report file ${config.reportFile}: ${(e as Error).message}`);
    }
  }
  if (config.metricsFile) {
    try {
      const { writeMetrics } = await import('./metrics.js');
      await writeMetrics(config.metricsFile, report, Date.now());
    } catch (e) {
      out.warn(`could not write metrics file ${config.metricsFile}: ${(e as Error).message}`);
    }
  }
  await out.summary(renderSummary(report));
}
