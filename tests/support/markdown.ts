/** Small readers for the checked parts of the docs (tables between HTML comment markers). */

/** The text between `<!-- name:start -->` and `<!-- name:end -->`; throws when missing. */
export function markedBlock(markdown: string, name: string): string {
  const start = markdown.indexOf(`<!-- ${name}:start -->`);
  const end = markdown.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`No block "${name}" in the document`);
  return markdown.slice(start, end);
}

/** The body rows of the first Markdown table in `text`, each as trimmed cells. */
export function tableRows(text: string): string[][] {
  const lines = text.split("\n").filter((l) => l.trim().startsWith("|"));
  return lines.slice(2).map((l) =>
    l
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((c) => c.trim()),
  );
}
