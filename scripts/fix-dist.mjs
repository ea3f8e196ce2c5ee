// ncc emits ESM for a "type": "module" package; the bundle needs a package.json beside it saying
// so (it ships with the bundle: the action, the NixOS package and the CLI all run dist/index.js).
// Argument: the bundle's directory (default dist/, the committed one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
writeFileSync(join(dir, 'package.json'), '{\n  "type": "module"\n}\n');
