import JSZip from "jszip";

import { writeProposalDocx } from "../../src/adapters/files/proposal-docx.js";
import type { ProposalDocument } from "../../src/ports/files.js";

const doc: ProposalDocument = {
  title: "Finansiering af digital pladsanvisning",
  facts: [
    ["Forum", "ØU"],
    ["Finansieringskilde", "Central digitaliseringspulje"],
    ["Status", "Indstillet"],
  ],
  initiativesHeading: "Tiltag",
  initiatives: ["Digital pladsanvisning", "Selvbetjening <& mere>"],
  amountsHeading: "Beløb",
  amounts: {
    header: ["År", "Art", "Beløb"],
    rows: [
      ["2026", "Anlæg", "400.000 kr."],
      ["2027", "Drift", "150.000 kr."],
    ],
    totalLabel: "I alt",
    total: "550.000 kr.",
  },
  rationaleHeading: "Begrundelse",
  rationale: "Sparer sagsbehandling.\nGiver borgerne svar samme dag.",
};

describe("a financing proposal as a Word document", () => {
  it("is a .docx whose body holds the title, facts, initiatives, amounts with total and rationale", async () => {
    const bytes = await writeProposalDocx(doc);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toContain("word/document.xml");
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
    for (const expected of [
      "Finansiering af digital pladsanvisning",
      "Central digitaliseringspulje",
      "Digital pladsanvisning",
      "Selvbetjening &lt;&amp; mere&gt;",
      "400.000 kr.",
      "I alt",
      "550.000 kr.",
      "Giver borgerne svar samme dag.",
    ]) {
      expect(text).toContain(expected);
    }
  });
});
