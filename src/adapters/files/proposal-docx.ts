/**
 * A financing proposal as a Word document (.docx, Office Open XML) with the `docx` library: its
 * title, the facts (forum, funding source, state, decision), the initiatives, the amounts per
 * year and kind as a table with a total, and the rationale. The words come from the caller (the
 * UI's language); this module only lays them out.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

import type { DocumentFiles, ProposalDocument } from "../../ports/files.js";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function cell(text: string, options: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.bold ?? false })],
      }),
    ],
  });
}

/** The .docx bytes of one proposal. */
export async function writeProposalDocx(doc: ProposalDocument): Promise<ArrayBuffer> {
  const facts = doc.facts.map(
    ([label, value]) =>
      new Paragraph({
        children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
      }),
  );
  const amounts = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: doc.amounts.header.map((h, i) => cell(h, { bold: true, right: i === 2 })),
      }),
      ...doc.amounts.rows.map(
        (r) => new TableRow({ children: r.map((v, i) => cell(v, { right: i === 2 })) }),
      ),
      new TableRow({
        children: [
          cell(doc.amounts.totalLabel, { bold: true }),
          cell(""),
          cell(doc.amounts.total, { bold: true, right: true }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: "Digistyr",
    title: doc.title,
    sections: [
      {
        children: [
          new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
          ...facts,
          new Paragraph({ text: doc.initiativesHeading, heading: HeadingLevel.HEADING_1 }),
          ...doc.initiatives.map((t) => new Paragraph({ text: t, bullet: { level: 0 } })),
          new Paragraph({ text: doc.amountsHeading, heading: HeadingLevel.HEADING_1 }),
          amounts,
          new Paragraph({ text: doc.rationaleHeading, heading: HeadingLevel.HEADING_1 }),
          ...doc.rationale.split(/\n+/).map((line) => new Paragraph({ text: line })),
        ],
      },
    ],
  });
  return Packer.toArrayBuffer(document);
}

/** The Word documents port on this writer. */
export function createDocumentFiles(): DocumentFiles {
  return { writeProposalDocument: (doc) => writeProposalDocx(doc) };
}
