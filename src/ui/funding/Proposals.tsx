/**
 * The financing proposals: title, forum, funding source, state (with the decision that settled
 * it) and total, each exportable as a Word document laid out in the UI's language.
 */
import { Button, Text } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { FundingProposal } from "../../domain/funding.js";
import type { ProposalDocument } from "../../ports/files.js";
import { type DataColumn, DataTable } from "../components/DataTable.js";
import { QueryBoundary } from "../components/QueryBoundary.js";
import { Stack } from "../components/Stack.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useVocabulary } from "../components/vocabulary.js";
import { formatDkk } from "../i18n/format.js";
import { useProposalDocument, useProposals } from "../queries/funding.js";

export function Proposals() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const proposals = useProposals();
  const words = useVocabulary();
  const exportDoc = useProposalDocument();
  const money = (n: number) => formatDkk(n, language);
  const documentOf = (p: FundingProposal): ProposalDocument => {
    const total = p.amountsByYear.reduce((s, a) => s + a.amount, 0);
    return {
      title: p.title,
      facts: [
        [t("funding.proposals.forum"), p.forum],
        [t("funding.proposals.source"), p.source],
        [t("funding.proposals.state"), words.fundingState(p.state)],
        ...(p.decisionId
          ? [[t("funding.proposals.decision"), `#${p.decisionId}`] as [string, string]]
          : []),
      ],
      initiativesHeading: t("funding.proposals.initiatives"),
      initiatives: p.initiatives.map((i) => i.title),
      amountsHeading: t("funding.proposals.amounts"),
      amounts: {
        header: [
          t("funding.proposals.year"),
          t("funding.proposals.kind"),
          t("funding.proposals.amount"),
        ],
        rows: p.amountsByYear.map((a) => [String(a.year), a.kind ?? "", money(a.amount)]),
        totalLabel: t("funding.proposals.total"),
        total: money(total),
      },
      rationaleHeading: t("funding.proposals.rationale"),
      rationale: p.rationale,
    };
  };
  const columns: DataColumn<FundingProposal>[] = [
    {
      key: "title",
      header: t("funding.proposals.title"),
      cell: (p) => p.title,
      sortValue: (p) => p.title,
      grow: 2,
    },
    {
      key: "forum",
      header: t("funding.proposals.forum"),
      cell: (p) => p.forum,
      sortValue: (p) => p.forum,
    },
    {
      key: "source",
      header: t("funding.proposals.source"),
      cell: (p) => p.source,
      sortValue: (p) => p.source,
      priority: 1,
    },
    {
      key: "state",
      header: t("funding.proposals.state"),
      cell: (p) => words.fundingState(p.state),
      sortValue: (p) => words.fundingState(p.state),
    },
    {
      key: "total",
      header: t("funding.proposals.total"),
      cell: (p) => money(p.amountsByYear.reduce((s, a) => s + a.amount, 0)),
      sortValue: (p) => p.amountsByYear.reduce((s, a) => s + a.amount, 0),
      align: "end",
    },
    {
      key: "word",
      header: t("funding.proposals.word"),
      cell: (p) => (
        <Button
          size="small"
          aria-label={t("funding.proposals.wordLabel", { title: p.title })}
          disabled={exportDoc.isPending}
          onClick={() =>
            exportDoc.mutate({
              doc: documentOf(p),
              fileName: `${p.title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "forslag"}.docx`,
            })
          }
        >
          {t("funding.proposals.word")}
        </Button>
      ),
    },
  ];
  return (
    <Stack gap="s">
      <h2 id="funding-proposals">{t("funding.proposals.heading")}</h2>
      <QueryBoundary query={proposals}>
        {(rows: FundingProposal[]) => (
          <DataTable
            label={t("funding.proposals.label")}
            rows={rows}
            columns={columns}
            rowKey={(p) => p.id}
            empty={<Text>{t("funding.proposals.none")}</Text>}
          />
        )}
      </QueryBoundary>
      {exportDoc.isError ? <StoreErrorMessage error={exportDoc.error} /> : null}
    </Stack>
  );
}
