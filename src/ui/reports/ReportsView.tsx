/**
 * Rapporter (#/rapporter): the portfolio plan's status for Direktørforum, the year-one
 * evaluation and the history of reports sent. The secretary and the chair build, save and send
 * reports; members read the history. What a role cannot do is hidden here and refused by the
 * use-case and the list's permissions.
 */
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { QueryBoundary, Stack } from "../components/index.js";
import { formatDkk } from "../i18n/format.js";
import { useReportsPage } from "../queries/reports.js";
import { EvaluationPanel } from "./EvaluationPanel.js";
import { PortfolioPanel } from "./PortfolioPanel.js";
import { ReportHistory } from "./ReportHistory.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  heading: { margin: 0 },
});

type TabKey = "portfolio" | "evaluation" | "history";

export default function ReportsView() {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  const page = useReportsPage();
  const [tab, setTab] = useState<TabKey | null>(null);

  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title" className={styles.heading} data-print-hide>
        <Text as="span" size={700} weight="semibold">
          {t("reports.title")}
        </Text>
      </h1>
      <Text as="p" data-print-hide>
        {t("reports.intro")}
      </Text>
      <QueryBoundary
        query={page}
        isEmpty={() => false}
        loadingLabel={t("reports.loading")}
        errorTitle={t("reports.loadError")}
      >
        {(data) => {
          const current: TabKey = tab ?? (data.mayMake ? "portfolio" : "history");
          return (
            <Stack gap="l">
              {data.mayMake ? (
                <Stack gap="xs" data-print-hide>
                  {data.address.ok ? (
                    <Text>{t("reports.address", { address: data.address.value })}</Text>
                  ) : null}
                  <Text>
                    {t("reports.threshold", {
                      amount: formatDkk(data.largerThreshold, language),
                    })}
                  </Text>
                </Stack>
              ) : (
                <MessageBar intent="info" data-print-hide>
                  <MessageBarBody>{t("reports.readOnly")}</MessageBarBody>
                </MessageBar>
              )}
              <div data-print-hide>
                <TabList selectedValue={current} onTabSelect={(_, d) => setTab(d.value as TabKey)}>
                  {data.mayMake ? <Tab value="portfolio">{t("reports.tabs.portfolio")}</Tab> : null}
                  {data.mayMake ? (
                    <Tab value="evaluation">{t("reports.tabs.evaluation")}</Tab>
                  ) : null}
                  <Tab value="history">{t("reports.tabs.history")}</Tab>
                </TabList>
              </div>
              {current === "portfolio" && data.mayMake ? <PortfolioPanel page={data} /> : null}
              {current === "evaluation" && data.mayMake ? <EvaluationPanel page={data} /> : null}
              {current === "history" ? <ReportHistory page={data} /> : null}
            </Stack>
          );
        }}
      </QueryBoundary>
    </section>
  );
}
