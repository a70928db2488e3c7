/**
 * The charter's aim in figures (issue 4 §4): how many initiatives under way the committee
 * governs itself (as steering or reference group), how many have a standalone steering group
 * now, how many such groups were set up and dissolved in the last twelve months, and how long
 * the dissolved ones lived on average. Computed by `governanceMetrics` in the domain.
 */
import { makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { formatNumber } from "../i18n/format.js";
import { useGovernanceSummary } from "./usePortfolioData.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  intro: { margin: 0 },
  figures: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 16rem), 1fr))",
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  figure: { display: "flex", flexDirection: "column", margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export function GovernanceSummary() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const styles = useStyles();
  const summary = useGovernanceSummary();
  const n = (x: number) => formatNumber(x, language, 0);
  return (
    <section aria-labelledby="governance-title" className={styles.root}>
      <h2 id="governance-title" className={styles.heading}>
        {t("portfolio.governance.title")}
      </h2>
      <Text as="p" className={styles.intro}>
        {t("portfolio.governance.intro")}
      </Text>
      {summary.isPending ? (
        <Spinner size="tiny" label={t("portfolio.governance.loading")} />
      ) : summary.isError ? (
        <StoreErrorMessage
          error={summary.error}
          title={t("portfolio.governance.errorTitle")}
          onRetry={() => void summary.refetch()}
        />
      ) : (
        <dl className={styles.figures}>
          {[
            ["governed", n(summary.data.governed)],
            [
              "byCommittee",
              t("portfolio.governance.share", {
                count: n(summary.data.governedByCommittee),
                percent:
                  summary.data.committeeShare === null
                    ? t("portfolio.governance.none")
                    : new Intl.NumberFormat(language === "da" ? "da-DK" : "en-GB", {
                        style: "percent",
                      }).format(summary.data.committeeShare),
              }),
            ],
            ["standing", n(summary.data.standing)],
            ["setUp", n(summary.data.setUp)],
            ["dissolved", n(summary.data.dissolved)],
            [
              "lifetime",
              summary.data.meanLifetimeDays === null
                ? t("portfolio.governance.none")
                : t("portfolio.governance.days", {
                    count: Math.round(summary.data.meanLifetimeDays),
                  }),
            ],
          ].map(([key, value]) => (
            <div key={key} className={styles.figure}>
              <dt className={styles.term}>{t(`portfolio.governance.${key}`)}</dt>
              <dd className={styles.value} data-figure={key}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
