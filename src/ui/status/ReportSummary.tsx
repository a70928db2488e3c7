/** A report shown read-only: published ones are frozen, earlier periods are history. */
import { makeStyles, Text, tokens } from "@fluentui/react-components";

import type { StatusReport } from "../../domain/benefits.js";
import { RagWord } from "./Rag.js";
import { useStatusFormat } from "./useStatusReports.js";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "minmax(8rem, max-content) 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  text: { whiteSpace: "pre-wrap" },
});

const DIMENSIONS = ["scope", "time", "cost", "benefits"] as const;

export function ReportSummary({ report }: { report: StatusReport }) {
  const styles = useStyles();
  const { t, date } = useStatusFormat();
  const row = (key: string, rag: StatusReport["overall"] | null, text: string) => (
    <div key={key} style={{ display: "contents" }}>
      <dt className={styles.term}>{t(`status.dimensions.${key}`)}</dt>
      <dd className={styles.value}>
        <RagWord rag={rag} />
        <Text className={styles.text}>{text.trim() === "" ? t("status.report.noText") : text}</Text>
      </dd>
    </div>
  );
  return (
    <div>
      <Text as="p" italic>
        {report.state === "Publiceret" && report.publishedAt
          ? t("status.report.publishedOn", { date: date(report.publishedAt) })
          : t("status.report.draft")}
      </Text>
      <dl className={styles.list}>
        {row("overall", report.overall, report.overallText)}
        {DIMENSIONS.map((d) => row(d, report[d].rag, report[d].text))}
      </dl>
    </div>
  );
}
