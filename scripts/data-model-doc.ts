/**
 * docs/data-model.md from lists-schema: the hand-written part (conventions, security, design
 * decisions, what counts) is kept as it is, and everything from "## The lists" on is generated
 * from the list files, so the reference never drifts from what provisioning creates. Run
 * `npm run docs:data-model` after changing a list; tests/unit/data-model-doc.test.ts fails while
 * the committed file differs from what this generates.
 */
import { format, resolveConfig } from "prettier";

import { type FieldSchema, type ListSchema, listSchemas } from "../lists-schema/index.js";
import type { PermissionLevelKey } from "../lists-schema/types.js";

/** The heading the generated part starts with; everything before it is hand-written. */
export const GENERATED_HEADING = "## The lists";

const READ_SECURITY: Readonly<Record<ListSchema["readSecurity"], string>> = {
  1: "all items",
  2: "only items the user created",
};
const WRITE_SECURITY: Readonly<Record<ListSchema["writeSecurity"], string>> = {
  1: "all items",
  2: "only items the user created",
  4: "none",
};
const LEVELS: readonly [PermissionLevelKey, string][] = [
  ["read", "Read"],
  ["contribute", "Contribute"],
  ["editor", "Digistyr Redaktør"],
  ["readAll", "Digistyr Læs alle"],
];

/** Text in a table cell: no line breaks, pipes and angle brackets escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;").trim();
}

function typeOf(f: FieldSchema): string {
  const parts: string[] = [f.type];
  if (f.lookupList) parts.push(`→ ${f.lookupList}`);
  if (f.type === "text") parts.push(`(≤ ${f.maxLength ?? 255})`);
  if (f.type === "datetime" && f.dateOnly) parts.push("(date)");
  if (f.min !== undefined || f.max !== undefined) {
    parts.push(`(${f.min ?? ""}..${f.max ?? ""})`);
  }
  return parts.join(" ");
}

function flags(f: FieldSchema): string {
  return [f.indexed ? "indexed" : null, f.unique ? "unique" : null]
    .filter((x) => x !== null)
    .join(", ");
}

function renderList(list: ListSchema): string {
  const out: string[] = [];
  out.push(`### ${list.title} (\`${list.name}\`)`, "");
  out.push(
    list.description + (list.titleField ? ` Title is shown as “${list.titleField}”.` : ""),
    "",
  );
  out.push(
    `Item-level security: reads ${READ_SECURITY[list.readSecurity]}, writes ${
      WRITE_SECURITY[list.writeSecurity]
    }.`,
    "",
  );
  out.push("| Permission level | Groups |", "| --- | --- |");
  for (const [key, name] of LEVELS) {
    const groups = list.permissions[key];
    if (groups === undefined) continue;
    out.push(`| ${name} (\`${key}\`) | ${groups.length === 0 ? "–" : groups.join(", ")} |`);
  }
  out.push("");
  out.push(
    "| Column | Title | Type | Required | Index | Choices | Default | Description |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const f of list.fields) {
    out.push(
      `| \`${f.name}\` | ${cell(f.title)} | ${cell(typeOf(f))} | ${f.required ? "yes" : ""} | ${flags(
        f,
      )} | ${cell((f.choices ?? []).join(" / "))} | ${cell(f.default ?? "")} | ${cell(
        f.description ?? "",
      )} |`,
    );
  }
  out.push("");
  return out.join("\n");
}

/** The generated part: every list in provisioning order. */
export function renderLists(lists: readonly ListSchema[] = listSchemas): string {
  return [
    GENERATED_HEADING,
    "",
    "<!-- Generated from lists-schema by `npm run docs:data-model`; edit the list files, not this part. -->",
    "",
    "Each list keeps SharePoint's built-in `Title`, `Author`, `Editor`, `Created` and `Modified` besides the columns below.",
    "",
    ...lists.map(renderList),
  ].join("\n");
}

/** The whole document: the hand-written part of `current` followed by the generated part. */
export async function renderDataModel(current: string, path = "docs/data-model.md") {
  const at = current.indexOf(`\n${GENERATED_HEADING}\n`);
  const prose = at < 0 ? current.trimEnd() + "\n" : current.slice(0, at + 1);
  const options = (await resolveConfig(path)) ?? {};
  return format(`${prose}\n${renderLists()}`, { ...options, parser: "markdown" });
}
