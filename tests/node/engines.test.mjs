// The Node.js the README asks for is the one every installed package accepts: `npm ci` prints an
// EBADENGINE warning for each package whose `engines.node` (package.json, npm's "engines" field)
// excludes the running Node, and CI runs the README's minimum. semver is npm's own range logic
// (here through the dev tooling's copy in node_modules).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

const read = (file) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('package.json'));
const lock = JSON.parse(read('package-lock.json'));

/** The "Node.js ≥ X" of the README's quick start, as a full version. */
function readmeMinimum() {
  const stated = /Node\.js ≥ (\d+\.\d+(?:\.\d+)?)/.exec(read('README.md'));
  assert.ok(stated, 'the README states a minimum Node.js version as "Node.js ≥ X.Y"');
  return semver.coerce(stated[1]).version;
}

test("package.json's engines.node is the README's minimum", () => {
  assert.equal(semver.minVersion(manifest.engines.node).version, readmeMinimum());
});

test("every package in package-lock.json accepts the README's minimum Node.js", () => {
  const minimum = readmeMinimum();
  const refusing = Object.entries(lock.packages)
    .filter(([, entry]) => entry.engines?.node && !semver.satisfies(minimum, entry.engines.node))
    .map(([where, entry]) => `${where.replace(/^node_modules\//, '') || manifest.name}@${entry.version}: node ${entry.engines.node}`);
  assert.deepEqual(refusing, [], `these would make npm ci warn EBADENGINE on Node ${minimum}`);
});

test("the Node.js running the tests meets the README's minimum", () => {
  assert.ok(semver.gte(process.version, readmeMinimum()), `${process.version} < ${readmeMinimum()}`);
});
