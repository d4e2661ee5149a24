#!/usr/bin/env node
// Runs the compiled test files with node's test runner: the spec report on
// stdout, then one closing line "N passed, N failed" that CI reads.
'use strict';
const {spawnSync} = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', 'dist', 'test');
const only = process.argv.slice(2);

function collect(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...collect(full));
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

let files = collect(root);
if (only.length) files = files.filter(f => only.some(o => f.includes(o)));
if (files.length === 0) {
  console.error('No test files found under dist/test');
  process.exit(1);
}

const result = spawnSync(process.execPath, [
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=' + path.join(__dirname, 'count-reporter.mjs'),
  '--test-reporter-destination=' + path.join(root, '..', 'test-counts.json'),
  ...files,
], {stdio: 'inherit', env: process.env});

let counts = {passed: 0, failed: 1};
try {
  counts = JSON.parse(fs.readFileSync(path.join(root, '..', 'test-counts.json'), 'utf8'));
} catch {
  // The reporter wrote nothing: the run itself broke; count that as a failure.
}
const failed = counts.failed + (result.status !== 0 && counts.failed === 0 ? 1 : 0);
console.log(`${counts.passed} passed, ${failed} failed`);
process.exit(failed === 0 && result.status === 0 ? 0 : 1);
