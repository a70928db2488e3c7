import { Badge, Text } from "@fluentui/react-components";

import type { RoundsCard as RoundsCardData, RoundSummary } from "../../domain/dashboard.js";
import { DashboardCard, useListStyles } from "./DashboardCard.js";
import { useDashboardFormat } from "./format.js";

function RoundLine({ round, card }: { round: RoundSummary; card: RoundsCardData }) {
  const { t, date, relative } = useDashboardFormat();
  const styles = useListStyles();
  const closes = !round.closes
    ? t("dashboard.rounds.noCloseDate")
    : round.readyToClose
      ? t("dashboard.rounds.closedPassed", { date: date(round.closes) })
      : t("dashboard.rounds.closes", {
          date: date(round.closes),
          relative: relative(round.daysLeft ?? 0),
        });
  return (
    <li className={styles.item}>
      <span className={styles.line}>
        <Text weight="semibold">{round.title}</Text>
        {round.voted === true ? (
          <Badge appearance="tint" color="success">
            {t("dashboard.rounds.voted")}
          </Badge>
        ) : round.voted === false && !round.readyToClose ? (
          <Badge appearance="tint" color="warning">
            {t("dashboard.rounds.notVoted")}
          </Badge>
        ) : null}
        {card.closes && round.readyToClose ? (
          <Badge appearance="tint" color="danger">
            {t("dashboard.rounds.closeNow")}
          </Badge>
        ) : null}
      </span>
      <Text size={200}>
        {closes} · {t("dashboard.rounds.candidates", { count: round.candidateCount })}
      </Text>
    </li>
  );
}

/** Open priority rounds: a member's own voting state, the chair's rounds to close. */
export function RoundsCard({ card }: { card: RoundsCardData }) {
  const { t } = useDashboardFormat();
  const styles = useListStyles();
  return (
    <DashboardCard
      testId="card-rounds"
      title={t("dashboard.rounds.title")}
      links={[{ view: "prioritization", label: t("dashboard.rounds.link") }]}
    >
      {card.rounds.length === 0 ? (
        <Text as="p">{t("dashboard.rounds.none")}</Text>
      ) : (
        <>
          {card.votes ? (
            <Text as="p" weight="semibold">
              {card.awaitingMyBallot > 0
                ? t("dashboard.rounds.awaitingMyBallot", { count: card.awaitingMyBallot })
                : t("dashboard.rounds.allVoted")}
            </Text>
          ) : null}
          {card.closes && card.readyToClose > 0 ? (
            <Text as="p" weight="semibold">
              {t("dashboard.rounds.readyToClose", { count: card.readyToClose })}
            </Text>
          ) : null}
          <ul className={styles.list}>
            {card.rounds.map((r) => (
              <RoundLine key={r.id} round={r} card={card} />
            ))}
          </ul>
          {!card.votes ? <Text size={200}>{t("dashboard.rounds.ballotsPrivate")}</Text> : null}
        </>
      )}
    </DashboardCard>
  );
}
