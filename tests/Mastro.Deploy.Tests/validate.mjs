// Validates Kubernetes objects offline: every document of a YAML stream against the Kubernetes OpenAPI
// schema of its apiVersion/kind (npm kubernetes-models: types and required fields), and prints
// {"objects": [...], "errors": [...]} as JSON for the deploy tests to inspect further.
//
//   node validate.mjs MANIFEST.yaml TOOLS_DIR RESULT.json
//
// TOOLS_DIR is the npm prefix holding kubernetes-models@5.1.0 and js-yaml@4 (the repository's .tools).
// Exit code 0: the stream was checked (invalid objects are listed in errors[] and on stderr);
// anything else: it could not be checked (bad arguments, YAML syntax, modules missing).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [manifestPath, toolsDir, resultPath] = process.argv.slice(2);
if (!manifestPath || !toolsDir || !resultPath) {
  console.error("usage: node validate.mjs MANIFEST.yaml TOOLS_DIR RESULT.json");
  process.exit(2);
}
const load = (module) => import(pathToFileURL(join(toolsDir, "node_modules", module)).href);
const models = await load("kubernetes-models/index.js");
const yaml = (await load("js-yaml/index.js")).default;

// "networking.k8s.io/v1" → models.networkingK8sIo.v1; "v1" (the core group) → models.v1.
function modelFor(apiVersion, kind) {
  const slash = apiVersion.lastIndexOf("/");
  if (slash < 0) return models[apiVersion]?.[kind];
  const group = apiVersion.slice(0, slash)
    .split(".")
    .map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join("");
  return models[group]?.[apiVersion.slice(slash + 1)]?.[kind];
}

const objects = [];
const errors = [];
yaml.loadAll(readFileSync(manifestPath, "utf8"), (doc) => {
  if (doc === null || doc === undefined) return;
  const where = `${doc.kind ?? "?"} ${doc.metadata?.name ?? "?"}`;
  objects.push(doc);
  const Model = typeof doc.apiVersion === "string" && typeof doc.kind === "string"
    ? modelFor(doc.apiVersion, doc.kind)
    : undefined;
  if (!Model) {
    errors.push(`${where}: unknown apiVersion/kind ${doc.apiVersion}/${doc.kind}`);
    return;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    errors.push(`${where}: ${e.message}`);
  }
});

writeFileSync(resultPath, JSON.stringify({ objects, errors }));
for (const error of errors) console.error(error);
console.error(`${objects.length} objects, ${errors.length} invalid`);
