/**
 * jsPDF's ES build (`jspdf/dist/jspdf.es.js`) is its core followed by some thirty plugin modules,
 * each a top-level statement that installs itself on `jsPDF.API` as a side effect, so a bundler
 * cannot drop the ones an app never calls. kofu draws text in an embedded TrueType font, paths
 * and tiling patterns (src/pdf/); it never adds images, forms, annotations, HTML, SVG, canvas
 * drawing, bookmarks, JavaScript or viewer settings, nor writes in a standard-14 font or a
 * right-to-left script. This transform removes the statements that install those modules, so the
 * PDF worker (and every device's precache, docs/architecture.md "What the precache holds")
 * carries only what kofu draws with. The build keeps no source map of jsPDF's lines.
 *
 * The output of the modules kept is unchanged: tests/node/jspdf-slim.test.mjs builds kofu's PDFs
 * with the full and the slim build and asserts the same bytes. A module is found by a property it
 * assigns (below); when a jsPDF upgrade moves one, the build fails here instead of shipping it.
 */
import { parseAst } from 'vite';

/**
 * jsPDF modules kofu does not use, each with a property only it assigns (its API method, or the
 * state it keeps on the document). jsPDF's names for them (src/modules/*.js) are the keys.
 */
export const UNUSED_JSPDF_MODULES: Readonly<Record<string, RegExp>> = {
  acroform: /^(__acroform__|addField|AcroForm\w*)$/,
  addimage: /^__addimage__$/,
  annotations: /^createAnnotation$/,
  arabic: /^__arabicParser__$/,
  autoprint: /^autoPrint$/,
  canvas: /^canvas$/,
  cell: /^cellAddPage$/,
  context2d: /^context2d$/,
  fileloading: /^loadFile$/,
  html: /^html$/,
  javascript: /^addJS$/,
  outline: /^outline$/,
  jpeg_support: /^processJPEG$/,
  png_support: /^processPNG$/,
  gif_support: /^processGIF89A$/,
  bmp_support: /^processBMP$/,
  webp_support: /^processWEBP$/,
  rgba_support: /^processRGBA$/,
  setlanguage: /^setLanguage$/,
  svg: /^addSvgAsImage$/,
  total_pages: /^putTotalPages$/,
  viewerpreferences: /^viewerPreferences$/,
  xmp_metadata: /^addMetadata$/,
  // Widths of the 14 standard fonts: kofu sets its own font before any text (src/pdf/pdf.ts).
  standard_fonts_metrics: /^__fontmetrics__$/,
  // Unicode bidi reordering for right-to-left scripts; a certificate is Japanese and Latin.
  bidi_engine: /^__bidiEngine__$/,
};

/** What the jsPDF build file is called; the transform applies to it alone. */
export const JSPDF_ES_BUILD = /[\\/]node_modules[\\/]jspdf[\\/]dist[\\/]jspdf\.es\.js$/;

interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Every node under `node`, depth first. */
function* walk(node: Node): Generator<Node> {
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) yield* walk(item);
    } else if (isNode(value)) yield* walk(value);
  }
}

/** The property names a statement assigns anywhere inside it (`x.name = …`, `name.x = …`). */
function assignedProperties(statement: Node): Set<string> {
  const names = new Set<string>();
  for (const node of walk(statement)) {
    if (node.type !== 'AssignmentExpression') continue;
    // `a.b.c = …` writes into `b` as well as `c` (jsPDF's `API.__acroform__.setBit = …`).
    for (let left = node.left as Node; left.type === 'MemberExpression'; left = left.object as Node) {
      if (!left.computed && (left.property as Node).type === 'Identifier') names.add((left.property as Node & { name: string }).name);
    }
  }
  return names;
}

/** The top-level names a statement declares (`var a = …`, `function a() {}`). */
function declaredNames(statement: Node): string[] {
  if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') return [(statement.id as Node & { name: string }).name];
  if (statement.type !== 'VariableDeclaration') return [];
  return (statement.declarations as Node[]).flatMap((declarator) => ((declarator.id as Node).type === 'Identifier' ? [(declarator.id as Node & { name: string }).name] : []));
}

/**
 * The identifiers a statement reads or writes, nested scopes included (a shadowing name counts
 * too, which only keeps more). Property names (`a.name`, `{ name: … }`) are not variables.
 */
function referencedNames(statement: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type === 'Identifier') names.add((node as Node & { name: string }).name);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'property' && node.type === 'MemberExpression' && !node.computed) continue;
      if (key === 'key' && (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item);
      } else if (isNode(value)) visit(value);
    }
  };
  visit(statement);
  return names;
}

/** A declaration whose evaluation has no effect: a function, a class, an object or array of such, a literal. */
function isPureDeclaration(statement: Node): boolean {
  if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') return true;
  if (statement.type !== 'VariableDeclaration') return false;
  const pure = (node: Node | null): boolean =>
    node === null ||
    ['FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression', 'Literal'].includes(node.type) ||
    (node.type === 'ObjectExpression' && (node.properties as Node[]).every((property) => property.type === 'Property' && !property.computed && pure(property.value as Node))) ||
    (node.type === 'ArrayExpression' && (node.elements as (Node | null)[]).every(pure));
  return (statement.declarations as Node[]).every((declarator) => pure(declarator.init as Node | null));
}

/** The variable a member chain hangs off (`a` for `a.b.c`). */
function rootName(node: Node): string | undefined {
  let at = node;
  while (at.type === 'MemberExpression') at = at.object as Node;
  return at.type === 'Identifier' ? (at as Node & { name: string }).name : undefined;
}

/**
 * A statement that only equips `name`: `name.prototype.x = …`, `name.x = …`, or jsPDF's
 * `inherit(name, Parent)` that wires AcroForm's classes.
 */
function isAttachmentOf(statement: Node, name: string): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const expression = statement.expression as Node;
  if (expression.type === 'AssignmentExpression') return (expression.left as Node).type === 'MemberExpression' && rootName(expression.left as Node) === name;
  if (expression.type !== 'CallExpression') return false;
  const [first] = expression.arguments as Node[];
  return rootName(expression.callee as Node) === 'inherit' && first?.type === 'Identifier' && (first as Node & { name: string }).name === name;
}

/**
 * `code` (jsPDF's ES build) without the statements that install `modules` (those that assign a
 * property, or declare a top-level name, the module's pattern matches), what uses them, and what
 * only they used. Throws when a module's pattern matches nothing, so an upgrade that moves one is
 * noticed.
 */
export function slimJsPdf(code: string, modules: Readonly<Record<string, RegExp>> = UNUSED_JSPDF_MODULES): string {
  const program = parseAst(code) as unknown as { body: Node[] };
  const references = new Map<Node, Set<string>>();
  const referencesOf = (statement: Node) => {
    let names = references.get(statement);
    if (!names) references.set(statement, (names = referencedNames(statement)));
    return names;
  };
  const isCode = (statement: Node) => statement.type !== 'ImportDeclaration' && statement.type !== 'ExportNamedDeclaration';
  const dropped = new Set<Node>();
  const droppedNames = new Set<string>();
  const drop = (statement: Node) => {
    dropped.add(statement);
    for (const name of declaredNames(statement)) droppedNames.add(name);
  };
  const kept = () => program.body.filter((statement) => isCode(statement) && !dropped.has(statement));

  const missing = new Set(Object.keys(modules));
  for (const statement of program.body.filter(isCode)) {
    const names = [...assignedProperties(statement), ...declaredNames(statement)];
    for (const [module, pattern] of Object.entries(modules)) {
      if (!names.some((name) => pattern.test(name))) continue;
      missing.delete(module);
      drop(statement);
    }
  }
  if (missing.size) throw new Error(`jspdf-slim: nothing installs jsPDF module(s) ${[...missing].join(', ')}; has jsPDF changed? (scripts/jspdf-slim.ts)`);

  // Statements that use what a dropped one declared go too (AcroForm's `inherit(…)` calls), until
  // none is left.
  for (let grew = true; grew; ) {
    grew = false;
    for (const statement of kept()) {
      if (![...referencesOf(statement)].some((name) => droppedNames.has(name))) continue;
      drop(statement);
      grew = true;
    }
  }

  // Then what only the dropped modules used (the WebP, GIF, BMP and JPEG codecs, AcroForm's
  // helpers): a declaration that nothing kept names but its own attachments, and is not exported.
  const exported = new Set(
    program.body.flatMap((statement) => (statement.type === 'ExportNamedDeclaration' ? (statement.specifiers as Node[]).map((specifier) => (specifier.local as Node & { name: string }).name) : [])),
  );
  for (let shrank = true; shrank; ) {
    shrank = false;
    const statements = kept();
    for (const declaration of statements) {
      const names = declaredNames(declaration);
      if (!names.length || dropped.has(declaration) || !isPureDeclaration(declaration) || names.some((name) => exported.has(name) && !droppedNames.has(name))) continue;
      const users = statements.filter((other) => other !== declaration && !dropped.has(other) && names.some((name) => referencesOf(other).has(name)));
      if (!users.every((user) => names.some((name) => isAttachmentOf(user, name)))) continue;
      drop(declaration);
      for (const attachment of users) dropped.add(attachment);
      shrank = true;
    }
  }

  // An import nothing kept uses (fast-png, for PNG images) goes too: its module would still run.
  const used = new Set(kept().flatMap((statement) => [...referencesOf(statement)]));
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const locals = (statement.specifiers as Node[]).map((specifier) => (specifier.local as Node & { name: string }).name);
    if (locals.length && locals.every((name) => !used.has(name))) dropped.add(statement);
  }

  let out = '';
  let at = 0;
  for (const statement of program.body) {
    if (dropped.has(statement)) {
      out += code.slice(at, statement.start);
      at = statement.end;
    } else if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
      const specifiers = (statement.specifiers as Node[]).filter((specifier) => !droppedNames.has((specifier.local as Node & { name: string }).name));
      out += code.slice(at, statement.start);
      out += `export { ${specifiers.map((specifier) => code.slice(specifier.start, specifier.end)).join(', ')} };`;
      at = statement.end;
    }
  }
  // A call of a method taken out says so, in place of "x is not a function" (the unit tests run
  // the full jsPDF, so only the built app would meet it).
  const removed = JSON.stringify([...removedApiMethods([...dropped])].sort());
  const stubs = `for (const name of ${removed}) jsPDF.API[name] = function () { throw new Error("jsPDF's " + name + "() is not in kofu's build (scripts/jspdf-slim.ts)"); };`;
  return `${out}${code.slice(at)}\n${stubs}\n`;
}

/**
 * The methods the dropped statements install on `jsPDF.API`: `jsPDF.API.name = function …`,
 * `jsPDFAPI.name = …` (the bundle's alias of it), or `param.name = function …` in a plugin's
 * `(function (param) { … })(jsPDF.API)`.
 */
function removedApiMethods(statements: readonly Node[]): Set<string> {
  const names = new Set<string>();
  const isApi = (node: Node, param: string | undefined) =>
    (node.type === 'Identifier' && [param, 'jsPDFAPI'].includes((node as Node & { name: string }).name)) ||
    (node.type === 'MemberExpression' && !node.computed && rootName(node) === 'jsPDF' && ((node.property as Node & { name: string }).name === 'API'));
  for (const statement of statements) {
    const call = statement.type === 'ExpressionStatement' ? (statement.expression as Node) : undefined;
    const callee = call?.type === 'CallExpression' ? (call.callee as Node) : undefined;
    const [first] = callee?.type === 'FunctionExpression' ? (callee.params as Node[]) : [];
    const param = first?.type === 'Identifier' ? (first as Node & { name: string }).name : undefined;
    for (const node of walk(statement)) {
      if (node.type !== 'AssignmentExpression' || (node.right as Node).type !== 'FunctionExpression') continue;
      const left = node.left as Node;
      if (left.type === 'MemberExpression' && !left.computed && isApi(left.object as Node, param)) names.add((left.property as Node & { name: string }).name);
    }
  }
  return names;
}
