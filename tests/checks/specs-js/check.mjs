// Validates the published specs (run by tests/checks/specs.sh; exit code 1 on any failure):
//  - every JSON Schema under specs/ compiles under draft 2020-12 and its $id names its own path;
//  - every code list (specs/data/codes/*.json) fits code-list.schema.json, with unique codes;
//  - every example file validates against its schema, and every counter-example under examples/invalid/ does not;
//  - every ```json block in specs/**/*.md parses and validates against the schema named just above it in a
//    `<!-- schema: PATH[#POINTER] -->` comment (PATH relative to specs/; api/openapi.json#/components/schemas/X names
//    a component of the open interface spec);
//  - no other JSON file exists under specs/ (nothing unvalidated slips in) besides the OpenAPI and AsyncAPI documents.
// Example files map to schemas by name: data/examples/person.student.json → data/schemas/person.schema.json (the part
// after the first dot is a variant; when the schema has $defs of that name, e.g. person.view.json, that is used);
// a PascalCase name, e.g. access/examples/PlatformAccessRequest.json, is that component of api/openapi.json.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, basename, sep } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const specs = process.argv[2];
if (!specs) { console.error('usage: node check.mjs <specs dir>'); process.exit(2); }
const BASE = 'https://hub.example/specs/v1/';
const failures = [];
const fail = (file, message) => { failures.push(`${file}: ${message}`); return undefined; };
const rel = (file) => relative(specs, file).split(sep).join('/');

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
const files = walk(specs);

function parse(file, text) {
  try { return JSON.parse(text ?? readFileSync(file, 'utf8')); } catch (e) { fail(rel(file), `not valid JSON: ${e.message}`); return undefined; }
}

// Strict, except that `required` may name properties declared elsewhere (if/then/not branches do).
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
// Schemas copied from the generated AsyncAPI document (exchange/schemas/alert-webhook.schema.json) keep its integer formats.
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
// OpenAPI's schemas use OpenAPI formats (int32, int64, double) and keywords JSON Schema leaves to applications.
const openapiAjv = new Ajv2020({ allErrors: true, strict: false });
addFormats(openapiAjv);
for (const f of ['int32', 'int64', 'double', 'float']) openapiAjv.addFormat(f, true);

// Schemas first, so examples and code lists can refer to them.
const schemaFiles = files.filter((f) => f.endsWith('.schema.json'));
for (const file of schemaFiles) {
  const schema = parse(file);
  if (!schema) continue;
  if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') fail(rel(file), '$schema must be JSON Schema 2020-12');
  if (schema.$id !== BASE + rel(file)) fail(rel(file), `$id must be ${BASE + rel(file)}`);
  try { ajv.addSchema(schema); } catch (e) { fail(rel(file), e.message); }
}
for (const file of schemaFiles) {
  try { ajv.getSchema(BASE + rel(file)); } catch (e) { fail(rel(file), `does not compile: ${e.message}`); }
}
const openapiFile = join(specs, 'api', 'openapi.json');
const openapi = parse(openapiFile);
if (openapi) openapiAjv.addSchema({ ...openapi, $id: BASE + 'api/openapi.json' });

function validator(ref, from) {
  const [path, pointer = ''] = ref.split('#');
  try {
    if (path === 'api/openapi.json') return openapiAjv.getSchema(BASE + ref) ?? fail(from, `no schema at ${ref}`);
    return ajv.getSchema(BASE + path + (pointer ? '#' + pointer : '')) ?? fail(from, `no schema at ${ref}`);
  } catch (e) {
    return fail(from, `${ref}: ${e.message}`);
  }
}

const explain = (errors) => errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
let valid = 0, rejected = 0;

function check(file, instance, ref, expectValid) {
  const validate = validator(ref, file);
  if (!validate) return;
  const ok = validate(instance);
  if (expectValid && !ok) fail(file, `does not validate against ${ref}: ${explain(validate.errors)}`);
  else if (!expectValid && ok) fail(file, `is a counter-example but validates against ${ref}`);
  else if (ok) valid++; else rejected++;
}

for (const file of files) {
  const name = rel(file);
  // The OpenAPI and AsyncAPI documents are checked by their own tests and linters.
  if (name.endsWith('.schema.json') || name === 'api/openapi.json' || /(^|[/.])asyncapi\.json$/.test(name) || !name.endsWith('.json')) continue;
  const instance = parse(file);
  if (instance === undefined) continue;
  if (/^data\/codes\/[a-z-]+\.json$/.test(name)) {
    check(name, instance, 'data/schemas/code-list.schema.json', true);
    if (instance.id !== basename(name, '.json')) fail(name, `id must be "${basename(name, '.json')}"`);
    const codes = (instance.codes ?? []).map((c) => c.code);
    if (new Set(codes).size !== codes.length) fail(name, 'codes are not unique');
    continue;
  }
  const example = name.match(/^(.*)\/examples\/(invalid\/)?([^/]+)\.json$/);
  if (!example) { fail(name, 'JSON file that is neither a schema, a code list nor an example: nothing validates it'); continue; }
  const [, area, invalid, stem] = example;
  const [schemaName, variant] = stem.split('.');
  let ref;
  if (/^[A-Z]/.test(schemaName)) ref = `api/openapi.json#/components/schemas/${schemaName}`;
  else {
    const path = `${area}/schemas/${schemaName}.schema.json`;
    let schema;
    try { schema = ajv.getSchema(BASE + path)?.schema; } catch { schema = undefined; }
    if (!schema) { fail(name, `no schema ${path} for this example`); continue; }
    ref = variant && schema.$defs?.[variant] ? `${path}#/$defs/${variant}` : path;
  }
  check(name, instance, ref, !invalid);
}

// ```json blocks in the markdown.
let blocks = 0;
for (const file of files.filter((f) => f.endsWith('.md'))) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```json') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    const at = `${rel(file)}:${i + 1}`;
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const marker = k >= 0 ? lines[k].match(/^<!--\s*schema:\s*(\S+)\s*-->$/) : null;
    if (!marker) { fail(at, 'a ```json block needs <!-- schema: PATH[#POINTER] --> on the line above it'); continue; }
    const instance = parse(at, lines.slice(i + 1, end).join('\n'));
    blocks++;
    if (instance !== undefined) check(at, instance, marker[1], true);
    i = end;
  }
}

if (failures.length > 0) {
  console.error(failures.map((f) => '  ✗ ' + f).join('\n'));
  console.error(`specs: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`specs: ${schemaFiles.length} schemas compile; ${valid} examples (${blocks} in markdown) valid; ${rejected} counter-examples rejected`);
