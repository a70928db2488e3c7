/** The bench's one table: a figure, its value, what it is compared with, and the ratio. */
export interface Row {
  figure: string;
  value: string;
  against: string;
  ratio: string;
}

const HEAD: Row = { figure: "Figure", value: "Value", against: "Compared with", ratio: "Ratio" };
const KEYS = ["figure", "value", "against", "ratio"] as const;

export function table(rows: readonly Row[]): string {
  const all = [HEAD, ...rows];
  const width = KEYS.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) => `| ${KEYS.map((k, i) => r[k].padEnd(width[i] ?? 0)).join(" | ")} |`;
  const rule = `|${width.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(HEAD), rule, ...rows.map(line)].join("\n");
}
