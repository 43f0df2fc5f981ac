// The import rules (issue #9): dependencies point ui → app → domains, so a production file in
// src/ui/ may import *values* only from src/ui/, src/app/ (but not the app's raw database), npm
// packages, and the few pure formatting helpers of the domains listed below. From any other
// domain it may import types (`import type …`, `import { type X } …`, `export type { X } from …`),
// which vanish at build time. And the other way round, a domain file (every folder of src/ but ui/
// and app/, its testing/ helpers included) never loads ui/, app/, workers/, lit or comlink.
//
//   node scripts/check-ui-imports.mjs [root]   (root: the repository, default the working directory)
//
// Prints each offending file:line with its import and exits 1, or prints one line and exits 0.
// Imports are read with the TypeScript compiler's parser, so type-only forms are told apart from
// value imports exactly as the compiler tells them apart. Test files (*.test.ts) are not checked:
// they may build fixtures with domain code.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** Folders a ui/ file may import anything from (relative to the repository root). */
export const ALLOWED_FOLDERS = ['src/ui/', 'src/app/'];

/** app/ modules ui/ may not import all the same: the raw database stays inside app/. */
export const DENIED_APP_MODULES = ['src/app/database.ts'];

/** Domain modules a ui/ file may import values from: pure formatting helpers, no state, no I/O. */
export const ALLOWED_DOMAIN_MODULES = [
  'src/bytes/bytes.ts', // hex and base64 text of byte strings
  'src/bytes/errors.ts', // LocalizedText and the text of an error for a person (describeError)
  'src/documents/dates.ts', // 和暦 and ISO dates
  'src/documents/types.ts', // certificate and tax titles
];

const UI_FOLDER = 'src/ui';

/** What a domain may never load: the layers above it, and the libraries only they use. */
export const DOMAIN_DENIED_FOLDERS = ['src/ui/', 'src/app/', 'workers/'];
export const DOMAIN_DENIED_PACKAGES = /^(lit|lit-html|lit-element|@lit\/[^/]+|comlink)(\/|$)/;

function* productionFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* productionFiles(full);
    else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) yield full;
  }
}

/** True when an import or export clause brings in no value at all. */
function isTypeOnly(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // `import './x.ts'`: runs the module
    if (clause.isTypeOnly) return true;
    if (clause.name) return false; // a default import
    const bindings = clause.namedBindings;
    if (!bindings || ts.isNamespaceImport(bindings)) return false;
    return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
  }
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    if (!clause || !ts.isNamedExports(clause)) return false; // `export * from`, `export * as ns from`
    return clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
  }
  if (ts.isImportEqualsDeclaration(node)) return node.isTypeOnly;
  return false;
}

/** Every module a file loads at run time: static imports, re-exports and `import(…)` calls. */
function valueImports(source) {
  const found = [];
  const add = (node, specifier) => found.push({ node, specifier });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnly(node)) add(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (!isTypeOnly(node) && ts.isStringLiteral(expression)) add(node, expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      // A computed specifier cannot be checked: report it rather than let it through.
      add(node, argument && ts.isStringLiteralLike(argument) ? argument.text : undefined);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Why `specifier`, imported from `file`, breaks the rule; undefined when it is allowed. */
function problem(root, file, specifier) {
  if (specifier === undefined) return 'computed import() specifier';
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined; // an npm package
  const target = path.relative(root, path.resolve(path.dirname(file), specifier.replace(/[?#].*$/, ''))).split(path.sep).join('/');
  if (DENIED_APP_MODULES.includes(target)) return `value import from ${target} (ask an app/ controller instead)`;
  if (ALLOWED_FOLDERS.some((folder) => target.startsWith(folder))) return undefined;
  if (ALLOWED_DOMAIN_MODULES.includes(target)) return undefined;
  return `value import from ${target}`;
}

/** Why a domain file's import of `specifier` breaks the rule; undefined when it is allowed. */
function domainProblem(root, file, specifier) {
  // A computed import() in a domain loads a URL it was given (pdf.js's worker), not a layer above.
  if (specifier === undefined) return undefined;
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return DOMAIN_DENIED_PACKAGES.test(specifier) ? `a domain loads ${specifier}` : undefined;
  const target = path.relative(root, path.resolve(path.dirname(file), specifier.replace(/[?#].*$/, ''))).split(path.sep).join('/');
  return DOMAIN_DENIED_FOLDERS.some((folder) => target.startsWith(folder)) ? `a domain loads ${target}` : undefined;
}

/** The production files of every domain folder under `<root>/src`. */
function domainFiles(root) {
  const src = path.join(root, 'src');
  let entries = [];
  try {
    entries = readdirSync(src, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.isDirectory() && !['ui', 'app'].includes(entry.name)).flatMap((entry) => [...productionFiles(path.join(src, entry.name))]);
}

/** The violations under `<root>/src/ui` and in the domains, each { file, line, text, reason }, in file order. */
export function checkUiImports(root) {
  const violations = [];
  const uiFiles = [...productionFiles(path.join(root, UI_FOLDER))].sort();
  const files = [...uiFiles.map((file) => ({ file, why: problem })), ...domainFiles(root).sort().map((file) => ({ file, why: domainProblem }))];
  for (const { file, why } of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    for (const { node, specifier } of valueImports(source)) {
      const reason = why(root, file, specifier);
      if (!reason) continue;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      violations.push({
        file: path.relative(root, file).split(path.sep).join('/'),
        line: line + 1,
        text: node.getText(source).replace(/\s+/g, ' '),
        reason,
      });
    }
  }
  return { files: uiFiles.length, domainFiles: files.length - uiFiles.length, violations };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(process.argv[2] ?? '.');
  const { files, domainFiles: domains, violations } = checkUiImports(root);
  for (const v of violations) console.log(`${v.file}:${v.line}: ${v.reason}\n    ${v.text}`);
  if (violations.length > 0) {
    console.log(
      `\nui import check: ${violations.length} value import(s) against the rule (ui → app → domains). ` +
        'From ui/, go through an app/ controller or use `import type` (allowed domain modules: scripts/check-ui-imports.mjs); a domain never loads ui/, app/, workers/, lit or comlink.',
    );
    process.exit(1);
  }
  console.log(
    `ui import check: ${files} files in ${UI_FOLDER}/ import values only from ui/, app/, npm packages and the allowed formatting helpers; ${domains} domain files load no ui/, app/, workers/, lit or comlink.`,
  );
}
