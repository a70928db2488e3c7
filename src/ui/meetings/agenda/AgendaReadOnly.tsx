/**
 * The agenda as members read it (and everyone once the meeting is held): the points in order
 * with type, time-box, presenter and indstilling. User-typed text is rendered as text.
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { pointAnchor } from "../../../domain/agenda.js";
import type { AgendaItem } from "../../../domain/meetings.js";
import { pointTitleId } from "./useAgenda.js";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingInlineStart: 0,
    listStyleType: "none",
  },
  point: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  paragraph: { margin: 0, whiteSpace: "pre-line" },
});

/** Blocks of typed text (blank lines separate paragraphs; line breaks are kept by CSS). */
function blocks(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter((b) => b !== "");
}

export function AgendaReadOnly({ items }: { items: readonly AgendaItem[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (items.length === 0) return <Text as="p">{t("agenda.empty")}</Text>;
  return (
    <ol className={styles.list} aria-label={t("agenda.pointsLabel")}>
      {items.map((item, i) => (
        <li key={item.id} id={pointAnchor(item.id)}>
          <article className={styles.point} aria-labelledby={pointTitleId(item.id)}>
            <h3 id={pointTitleId(item.id)} className={styles.heading}>
              {t("agenda.point.heading", { number: i + 1, title: item.title })}
            </h3>
            <dl className={styles.facts}>
              <dt className={styles.term}>{t("agenda.point.kind")}</dt>
              <dd className={styles.detail}>{t(`agenda.kinds.${item.kind}`)}</dd>
              <dt className={styles.term}>{t("agenda.point.duration")}</dt>
              <dd className={styles.detail}>
                {item.durationMinutes === null
                  ? t("agenda.point.noDuration")
                  : t("agenda.point.minutes", { count: item.durationMinutes })}
              </dd>
              <dt className={styles.term}>{t("agenda.point.presenter")}</dt>
              <dd className={styles.detail}>
                {item.presenter?.name ?? t("agenda.point.noPresenter")}
              </dd>
            </dl>
            {item.recommendation.trim() !== "" ? (
              <section aria-label={t("agenda.point.recommendationOf", { title: item.title })}>
                <h4 className={styles.heading}>{t("agenda.point.recommendation")}</h4>
                {blocks(item.recommendation).map((b, n) => (
                  <p key={n} className={styles.paragraph}>
                    {b}
                  </p>
                ))}
              </section>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
