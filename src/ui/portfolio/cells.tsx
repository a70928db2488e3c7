/** How one value of an initiative is shown in the table and on a card (text, never colour alone). */
import { Link, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { PortfolioColumnKey } from "../../domain/export-columns.js";
import type { PortfolioRow } from "../../domain/portfolio-view.js";
import type { Rag } from "../../domain/vocabulary.js";
import { formatDate, formatNumber } from "../i18n/format.js";
import { hrefForInitiative } from "../shell/routes.js";

const useStyles = makeStyles({
  status: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  dot: {
    width: "0.6rem",
    height: "0.6rem",
    borderRadius: tokens.borderRadiusCircular,
    flexShrink: 0,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  Grøn: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  Gul: { backgroundColor: tokens.colorPaletteYellowBackground3 },
  Rød: { backgroundColor: tokens.colorPaletteRedBackground3 },
});

/** A traffic light with its word beside it. */
export function StatusText({ status }: { status: Rag | null | undefined }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!status) return <span>{t("portfolio.statuses.none")}</span>;
  return (
    <span className={styles.status}>
      <span aria-hidden="true" className={`${styles.dot} ${styles[status]}`} />
      {t(`portfolio.statuses.${status}`)}
    </span>
  );
}

export function CellValue({ row, column }: { row: PortfolioRow; column: PortfolioColumnKey }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  switch (column) {
    case "id":
      return <>{row.id}</>;
    case "title":
      return <Link href={hrefForInitiative(row.id)}>{row.title}</Link>;
    case "phase":
      return <>{row.phase ? t(`portfolio.phases.${row.phase}`) : ""}</>;
    case "source":
      return <>{row.source ? t(`portfolio.sources.${row.source}`) : ""}</>;
    case "governance":
      return <>{row.governance ? t(`portfolio.governances.${row.governance}`) : ""}</>;
    case "latestStatus":
      return <StatusText status={row.latestStatus} />;
    case "mandatory":
      return <>{row.mandatory ? t("portfolio.table.yes") : t("portfolio.table.no")}</>;
    case "area":
      return <>{row.area?.title ?? ""}</>;
    case "strategyGoal":
      return <>{row.strategyGoal?.title ?? ""}</>;
    case "owner":
      return <>{row.owner?.name ?? ""}</>;
    case "projectLead":
      return <>{row.projectLead?.name ?? ""}</>;
    case "legalDeadline":
    case "modified": {
      const v = row[column];
      return <>{v ? formatDate(v, language, "short") : ""}</>;
    }
    case "priority":
    case "priorityScore": {
      const v = row[column];
      return <>{v === null || v === undefined ? "" : formatNumber(v, language)}</>;
    }
    case "externalRef":
    case "summary":
    case "need":
    case "solution":
    case "expectedBenefits":
      return <>{row[column] ?? ""}</>;
  }
}
