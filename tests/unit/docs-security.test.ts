/**
 * docs/security.md stays true: its matrix is lists-schema's item-level security and permission
 * blocks, list for list and group for group, and its table of levels carries the masks
 * provisioning creates.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { listSchemas } from "../../lists-schema/index.js";
import type { ListSchema, SiteGroupName } from "../../lists-schema/types.js";
import { CONTRIBUTE, EDITOR, LEVEL_KEYS, READ, READ_ALL } from "../../src/provisioning/levels.js";
import { markedBlock, tableRows } from "../support/markdown.js";

const security = readFileSync(join(import.meta.dirname, "../../docs/security.md"), "utf8");
const GROUPS: readonly SiteGroupName[] = ["Medlemmer", "Formand", "Sekretariat", "Bidragydere"];
const LEVEL_WORD = {
  read: "Read",
  contribute: "Contribute",
  editor: "Redaktør",
  readAll: "Læs alle",
};

const itemSecurity = (l: ListSchema) =>
  `${l.readSecurity === 1 ? "læs alle" : "læs egne"} / ${
    l.writeSecurity === 1 ? "ret alle" : l.writeSecurity === 2 ? "ret egne" : "ingen"
  }`;

/** A list as its matrix row: name, title, item-level security, one cell per group. */
function rowOf(l: ListSchema): string[] {
  const cell = (g: SiteGroupName) =>
    LEVEL_KEYS.filter((k) => (l.permissions[k] ?? []).includes(g)).map((k) => LEVEL_WORD[k])[0] ??
    "—";
  return [`\`${l.name}\``, l.title, itemSecurity(l), ...GROUPS.map(cell)];
}

const matrix = tableRows(markedBlock(security, "matrix"));

describe("docs/security.md", () => {
  it.each(listSchemas.map((l) => [l.name, l] as const))(
    "the matrix row of %s is its item-level security and permissions in lists-schema",
    (name, list) => {
      const row = matrix.find((r) => r[0] === `\`${name}\``);
      expect(row).toEqual(rowOf(list));
    },
  );

  it("has a row for every list and none for a list lists-schema does not have", () => {
    expect(matrix.map((r) => r[0]).sort()).toEqual(listSchemas.map((l) => `\`${l.name}\``).sort());
  });

  it.each([
    ["Read", READ.mask],
    ["Contribute", CONTRIBUTE.mask],
    ["**Digistyr Redaktør**", EDITOR.mask],
    ["**Digistyr Læs alle**", READ_ALL.mask],
  ])("gives %s the mask provisioning uses", (name, mask) => {
    expect(security).toMatch(
      new RegExp(
        `\\| ${name.replace(/\*/g, "\\*")}\\s*\\|[^|]*\\| ${mask.High} / ${mask.Low}\\s*\\|`,
      ),
    );
  });
});
