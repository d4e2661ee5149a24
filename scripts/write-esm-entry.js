#!/usr/bin/env node
// Writes dist/src/index.mjs: an ES module that re-exports every named export
// of the CommonJS build, so `import {Entity} from 'relata'` works in ESM code.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist', 'src');
for (const name of ['index', 'juggler/index']) {
  const cjs = path.join(dist, name + '.js');
  if (!fs.existsSync(cjs)) continue;
  const names = Object.keys(require(cjs)).filter(n => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
  const lines = [
    `import cjs from './${path.basename(name)}.js';`,
    `export default cjs;`,
    ...names.map(n => `export const ${n} = cjs.${n};`),
  ];
  fs.writeFileSync(path.join(dist, name + '.mjs'), lines.join('\n') + '\n');
}
