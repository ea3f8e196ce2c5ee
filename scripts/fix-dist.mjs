// ncc emits ESM for a "type": "module" package; the bundle needs a dist/package.json saying so
// (it ships with the bundle: the action, the NixOS package and the CLI all run dist/index.js).
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../dist/package.json', import.meta.url), '{\n  "type": "module"\n}\n');
