/**
 * Statusrapporter (issue 4 §5), `#/portefolje/status`: owners and project leads of ongoing
 * initiatives write this period's report (draft, then publish: frozen); earlier reports are
 * shown read-only. The secretary and the chair see who has not reported and send reminders.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Link,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";

import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { hrefForInitiative } from "../shell/routes.js";
import { MissingReports } from "./MissingReports.js";
import { ReportForm } from "./ReportForm.js";
import { ReportSummary } from "./ReportSummary.js";
import { useStatusFormat, useStatusPage } from "./useStatusReports.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  initiative: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  h: { margin: 0 },
});

export default function StatusReportsView() {
  const styles = useStyles();
  const { t, period, date } = useStatusFormat();
  const page = useStatusPage();

  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={page.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("status.title")}
        </Text>
      </h1>
      {page.isPending ? (
        <Spinner label={t("status.loading")} />
      ) : page.isError ? (
        <StoreErrorMessage
          error={page.error}
          title={t("status.loadError")}
          onRetry={() => void page.refetch()}
        />
      ) : (
        <>
          <Text as="p">
            {t("status.periodLine", { period: period(page.data.period.key) })}
            {page.data.deadline
              ? ` · ${t("status.deadlineLine", { date: date(page.data.deadline) })}`
              : null}
          </Text>
          {page.data.own.length > 0 || page.data.missing === null ? (
            <section className={styles.section} aria-labelledby="status-own">
              <h2 id="status-own" className={styles.h}>
                {t("status.own.heading")}
              </h2>
              {page.data.own.length === 0 ? (
                <Text as="p">{t("status.own.none")}</Text>
              ) : (
                <Text as="p">{t("status.own.intro")}</Text>
              )}
              {page.data.own.map(({ initiative, current, earlier }) => (
                <article
                  key={initiative.id}
                  className={styles.initiative}
                  aria-labelledby={`status-i-${initiative.id}`}
                >
                  <h3 id={`status-i-${initiative.id}`} className={styles.h}>
                    <Link href={hrefForInitiative(initiative.id)}>{initiative.title}</Link>
                  </h3>
                  <Text>
                    {t("status.own.phase", { phase: t(`status.phases.${initiative.phase}`) })}
                  </Text>
                  <h4 className={styles.h}>
                    {t("status.own.currentHeading", { period: period(page.data.period.key) })}
                  </h4>
                  <ReportForm initiative={initiative} period={page.data.period} current={current} />
                  {earlier.length > 0 ? (
                    <Accordion collapsible>
                      <AccordionItem value="earlier">
                        <AccordionHeader as="h4">
                          {t("status.own.earlierHeading", { count: earlier.length })}
                        </AccordionHeader>
                        <AccordionPanel>
                          {earlier.map((r) => (
                            <section key={r.id} aria-label={period(r.period)}>
                              <Text weight="semibold">{period(r.period)}</Text>
                              <ReportSummary report={r} />
                            </section>
                          ))}
                        </AccordionPanel>
                      </AccordionItem>
                    </Accordion>
                  ) : null}
                </article>
              ))}
            </section>
          ) : null}
          {page.data.missing !== null ? (
            <section className={styles.section} aria-labelledby="status-missing">
              <h2 id="status-missing" className={styles.h}>
                {t("status.missing.heading")}
              </h2>
              {page.data.latestStatusSynced > 0 ? (
                <Text as="p" data-testid="latest-status-synced">
                  {t("status.missing.latestStatusSynced", {
                    count: page.data.latestStatusSynced,
                  })}
                </Text>
              ) : null}
              <MissingReports
                me={page.data.me}
                rows={page.data.missing}
                period={page.data.period}
                deadline={page.data.deadline}
              />
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
