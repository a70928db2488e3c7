/**
 * Overblik: the signed-in person's dashboard (issue 3 §4). One card per concern, in the order
 * the role acts on them; each links to its view. Loading and errors are said in plain Danish,
 * chosen by the StoreError kind (never an HTTP status).
 */
import { Button, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";

import type { DashboardCard } from "../../domain/dashboard.js";
import { isStoreError } from "../../domain/errors.js";
import { AwaitingDecisionCard } from "./AwaitingDecisionCard.js";
import { useDashboardFormat } from "./format.js";
import { MeetingsYearCard } from "./MeetingsYearCard.js";
import { NextMeetingCard } from "./NextMeetingCard.js";
import { Notice } from "./Notice.js";
import { OpenResourceRequestsCard } from "./OpenResourceRequestsCard.js";
import { OverdueCard } from "./OverdueCard.js";
import { RoundsCard } from "./RoundsCard.js";
import { useDashboard } from "./useDashboard.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  intro: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    "& > p": { margin: 0 },
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 22rem), 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
});

/** The Danish (or English) message for a failed load, by StoreError kind. */
export function dashboardErrorKey(e: unknown): string {
  return isStoreError(e) ? `dashboard.errors.${e.kind}` : "dashboard.errors.Unknown";
}

function Card({ card, secretary }: { card: DashboardCard; secretary: boolean }) {
  switch (card.kind) {
    case "rounds":
      return <RoundsCard card={card} />;
    case "nextMeeting":
      return <NextMeetingCard card={card} />;
    case "awaitingDecision":
      return <AwaitingDecisionCard card={card} />;
    case "overdue":
      return <OverdueCard card={card} />;
    case "meetingsThisYear":
      return <MeetingsYearCard card={card} secretary={secretary} />;
  }
}

export function DashboardView() {
  const { t } = useDashboardFormat();
  const styles = useStyles();
  const dashboard = useDashboard();
  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={dashboard.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("dashboard.title")}
        </Text>
      </h1>
      {dashboard.isPending ? (
        <Spinner label={t("dashboard.loading")} />
      ) : dashboard.isError ? (
        <Notice
          intent="error"
          role="alert"
          actions={
            <Button onClick={() => void dashboard.refetch()} disabled={dashboard.isFetching}>
              {t("dashboard.retry")}
            </Button>
          }
        >
          <Text weight="semibold">{t("dashboard.errors.title")}</Text>
          <Text>{t(dashboardErrorKey(dashboard.error))}</Text>
        </Notice>
      ) : (
        <>
          <div className={styles.intro}>
            <Text as="p" size={400}>
              {t("dashboard.greeting", { name: dashboard.data.me.name })}
            </Text>
            <Text as="p">{t(`dashboard.perspective.${dashboard.data.perspective}`)}</Text>
          </div>
          <div className={styles.grid}>
            {dashboard.data.cards.map((c) => (
              <Card key={c.kind} card={c} secretary={dashboard.data.perspective === "secretary"} />
            ))}
            <OpenResourceRequestsCard />
          </div>
        </>
      )}
    </section>
  );
}

export default DashboardView;
