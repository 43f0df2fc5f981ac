// scripts/check-ui-imports.mjs on a small tree of its own: a ui/ file that imports domain values
// in every form the check knows makes it fail, naming each line; type-only imports, app/, ui/,
// npm packages and the allowed formatting helpers pass. A domain file (its testing/ helpers too)
// that loads ui/, app/, workers/, lit or comlink fails it as well.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/check-ui-imports.mjs', import.meta.url));

const good = `import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { RegistrySnapshot } from '../../registry/model.ts';
import type { KofuDatabase } from '../../store/database.ts';
import { type ImportProblem, type ImportError } from '../../registry/transfer.ts';
export type { ReaderCheck } from '../../card/diagnostics.ts';
export { type VerificationReport } from '../../verify/report.ts';
import { registryAdmin } from '../../app/registry-admin.ts';
import { formatWareki } from '../../documents/dates.ts';
import { describeError } from '../../bytes/errors.ts';
import { t } from '../shared/i18n.ts';
import './other-panel.ts';
type Check = typeof import('../../card/index.ts');
const later = () => import('../../app/kiosk.ts');
`;

// One offence per line, so each can be found in the report by its line number.
const bad = [
  `import { exportBackup } from '../../store/backup.ts';`,
  `import { type ImportProblem, ImportError } from '../../registry/transfer.ts';`,
  `import * as card from '../../card/index.ts';`,
  `import demo from '../../registry/demo.ts';`,
  `import '../../vision/pdf-input.ts';`,
  `export { readImageFile } from '../../vision/input.ts';`,
  `export * from '../../seal/keys.ts';`,
  `const pdf = () => import('../../vision/pdf-input.ts');`,
  `import { MY_NUMBER_WARNING } from '../../documents/options.ts';`,
  `import { bridge } from '../../../workers/verify.worker.ts';`,
  `import { appDatabase } from '../../app/database.ts';`,
].join('\n');

function check(root) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { status, output: stdout + stderr };
}

describe('scripts/check-ui-imports.mjs', () => {
  let root;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'kofu-ui-imports-'));
    mkdirSync(path.join(root, 'src/ui/admin'), { recursive: true });
    writeFileSync(path.join(root, 'src/ui/admin/good-panel.ts'), good);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('passes a ui/ tree whose domain imports are all type-only or allowed', () => {
    const { status, output } = check(root);
    assert.equal(status, 0, output);
    assert.match(output, /ui import check: 1 files/);
  });

  it('fails on a ui/ file that imports domain values, naming every offending line', () => {
    writeFileSync(path.join(root, 'src/ui/admin/bad-panel.ts'), bad);
    // Tests may build fixtures from domain code: a test file with the same imports is not checked.
    writeFileSync(path.join(root, 'src/ui/admin/bad-panel.test.ts'), bad);
    const { status, output } = check(root);
    assert.equal(status, 1, output);
    bad.split('\n').forEach((line, index) => {
      assert.ok(output.includes(`src/ui/admin/bad-panel.ts:${index + 1}: `), `line ${index + 1} not reported: ${line}\n${output}`);
    });
    assert.match(output, /bad-panel\.ts:1: value import from src\/store\/backup\.ts\n {4}import \{ exportBackup \} from '\.\.\/\.\.\/store\/backup\.ts';/);
    assert.match(output, /bad-panel\.ts:10: value import from workers\/verify\.worker\.ts/);
    assert.doesNotMatch(output, /good-panel|bad-panel\.test/);
    assert.match(output, /bad-panel\.ts:11: value import from src\/app\/database\.ts \(ask an app\/ controller instead\)/);
    assert.match(output, /11 value import\(s\)/);
    rmSync(path.join(root, 'src/ui/admin/bad-panel.ts'));
  });

  it('fails on a domain file, production or testing helper, that loads a layer above it', () => {
    mkdirSync(path.join(root, 'src/registry/testing'), { recursive: true });
    const fine = `import { expect } from '@open-wc/testing';\nimport type { Mode } from '../../app/modes.ts';\nimport { bytes } from '../bytes/bytes.ts';\nconst worker = (url) => import(url);\n`;
    writeFileSync(path.join(root, 'src/registry/fine.ts'), fine);
    assert.equal(check(root).status, 0, check(root).output);
    const offences = [
      `import { describeError } from '../../ui/shared/error-messages.ts';`,
      `import { appDatabase } from '../../app/database.ts';`,
      `import { LitElement } from 'lit';`,
      `import * as Comlink from 'comlink';`,
      `import '../../../workers/verify.worker.ts';`,
    ].join('\n');
    writeFileSync(path.join(root, 'src/registry/testing/helper.ts'), offences);
    writeFileSync(path.join(root, 'src/registry/helper.test.ts'), offences);
    const { status, output } = check(root);
    assert.equal(status, 1, output);
    for (let line = 1; line <= 5; line++) assert.ok(output.includes(`src/registry/testing/helper.ts:${line}: a domain loads `), `line ${line} not reported\n${output}`);
    assert.match(output, /helper\.ts:1: a domain loads src\/ui\/shared\/error-messages\.ts/);
    assert.match(output, /helper\.ts:3: a domain loads lit\n/);
    assert.doesNotMatch(output, /fine\.ts|helper\.test/);
    assert.match(output, /5 value import\(s\)/);
  });
});
