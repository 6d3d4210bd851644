// Runs the three OpenAPI validators on one document and prints what each finds; exits 1 when any finds an error or a warning.
//   node validate.mjs <document.json>
// 1. @seriousme/openapi-schema-validator: the official OpenAPI JSON Schema of the document's version.
// 2. @readme/openapi-parser: the schema again, plus what the schema cannot say (duplicate operationIds, parameters, $refs).
// 3. @redocly/cli lint with its recommended rules (redocly.yaml next to this file).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import { validate, compileErrors } from "@readme/openapi-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <document.json>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
let failed = false;

const official = await new Validator().validate(JSON.parse(readFileSync(file, "utf8")));
if (official.valid) {
  console.log("@seriousme/openapi-schema-validator: valid");
} else {
  failed = true;
  console.log("@seriousme/openapi-schema-validator found errors:\n" + JSON.stringify(official.errors, null, 2));
}

// The parser changes the object it is given (it resolves $refs): give it a copy of its own.
const parsed = await validate(JSON.parse(readFileSync(file, "utf8")));
if (parsed.valid && parsed.warnings.length === 0) {
  console.log("@readme/openapi-parser: valid");
} else {
  failed = true;
  console.log("@readme/openapi-parser found problems:\n" + compileErrors(parsed));
}

// No telemetry and no update check: the test runs offline.
const redocly = spawnSync(process.execPath,
  [join(here, "node_modules/@redocly/cli/bin/cli.js"), "lint", "--config", join(here, "redocly.yaml"), "--format", "stylish", file],
  { encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" } });
const output = (redocly.stdout ?? "") + (redocly.stderr ?? "");
// Warnings fail too: a rule that does not fit is switched off in redocly.yaml, with the reason.
// (Its stylish format writes one "line:column  warning|error  rule  message" line per problem.)
const clean = redocly.status === 0 && !/^\s*\d+:\d+\s+(warning|error)\s/m.test(output);
if (clean) {
  console.log("@redocly/cli lint (recommended): valid");
} else {
  failed = true;
  console.log(`@redocly/cli lint (recommended) found problems (exit ${redocly.status}):\n${output}`);
}
process.exit(failed ? 1 : 0);
