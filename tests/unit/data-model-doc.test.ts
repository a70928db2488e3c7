/**
 * docs/data-model.md's list reference is generated from lists-schema (`npm run
 * docs:data-model`); the committed file must be what the generator writes.
 */
import { readFileSync } from "node:fs";

import { listSchemas } from "../../lists-schema/index.js";
import { GENERATED_HEADING, renderDataModel } from "../../scripts/data-model-doc.js";

const path = "docs/data-model.md";
const committed = readFileSync(path, "utf8");

describe("docs/data-model.md", () => {
  it("is what npm run docs:data-model generates from lists-schema", async () => {
    expect(await renderDataModel(committed, path)).toBe(committed);
  });

  it("describes every list and every column of lists-schema", () => {
    const generated = committed.slice(committed.indexOf(`\n${GENERATED_HEADING}\n`));
    for (const list of listSchemas) {
      expect(generated).toContain(`### ${list.title} (\`${list.name}\`)`);
      for (const field of list.fields) {
        expect(generated).toMatch(new RegExp(`\\| \`${field.name}\` +\\|`));
      }
    }
  });
});
