/** `--help`: every input with its default, generated from the one input table. */
import { INPUTS } from './definitions.js';

export function helpText(): string {
  const lines = [
    'usage: ci-docker-prune <mode> [--name value | --name=value | --flag] ...',
    '',
    'modes: check (report only), prune (gated prune), pre (before a CI job), post (after it),',
    '       warm (nightly, after the prune: pull what jobs will ask for), setup (once, as root: share state-dir)',
    '',
    'options (also INPUT_<NAME> in Actions, PLUGIN_<NAME> in Drone/Woodpecker):',
  ];
  for (const d of INPUTS) {
    if (d.name === 'mode') continue;
    lines.push(`  --${d.name}${'flag' in d && d.flag ? '' : ' <value>'}`);
    lines.push(`      ${d.description}${d.default ? ` (default: ${d.default})` : ''}`);
  }
  lines.push('  --version', '      Print the version and exit.', '  --help, -h', '      Print this help and exit.');
  lines.push('', 'exit codes: 0 done or nothing to do, 1 failure, 2 bad input', '');
  return lines.join('\n');
}
