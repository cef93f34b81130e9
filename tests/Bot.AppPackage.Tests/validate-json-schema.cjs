// Validates a JSON document against one of Microsoft's Teams JSON schemas, with the validator and settings that
// @microsoft/app-manifest's own AppManifestUtils.validateAgainstSchema uses (ajv-draft-04, ajv-formats for uri, email
// and regex, allErrors, strictTypes off). That function fetches the schema from the manifest's $schema URL; here the
// schema is read from the installed package, and ajv is given no loader, so nothing is fetched: validation is offline.
//
// Usage: node validate-json-schema.cjs <schema.json> <document.json>
// Prints a JSON array of error messages. Exit code 0 valid, 1 invalid, 2 could not validate.
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const [schemaPath, documentPath] = process.argv.slice(2);
try {
  // The ajv that @microsoft/app-manifest was installed with, found from the schema's own folder.
  const requireBesideSchema = createRequire(path.resolve(schemaPath));
  const ajvDraft04 = requireBesideSchema("ajv-draft-04");
  const ajvFormats = requireBesideSchema("ajv-formats");
  const Ajv = ajvDraft04.default || ajvDraft04;
  const addFormats = ajvFormats.default || ajvFormats;

  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  const document = JSON.parse(fs.readFileSync(documentPath, "utf8"));
  // Not in unicode mode: the localisation schema has patterns with a lone "]" (after "\b") that a unicode-mode RegExp
  // rejects outright; the legacy syntax reads it as a literal "]", as the schema means.
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema);
  const valid = validate(document);
  const errors = valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  process.stdout.write(JSON.stringify(errors));
  process.exit(valid ? 0 : 1);
} catch (e) {
  process.stderr.write(String((e && e.stack) || e));
  process.exit(2);
}
