/**
 * Candidates for the agenda, grouped as the lists give them (initiatives for decision, closed
 * rounds and committed scenarios, open financing proposals, red or overdue status, due benefit
 * follow-ups, open actions), and a free point. Those already on the agenda are marked in words
 * and cannot be added twice.
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type AgendaCandidate,
  type CandidateGroupOf,
  type CandidateReason,
  isOnAgenda,
} from "../../../domain/agenda.js";
import { languageFromLocale } from "../../../domain/language.js";
import type { AgendaItem } from "../../../domain/meetings.js";
import { Stack } from "../../components/Stack.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { formatDate, formatDkk } from "../../i18n/format.js";

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingInlineStart: 0,
    listStyleType: "none",
    margin: 0,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  reason: { color: tokens.colorNeutralForeground2 },
  free: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
});

function useReasonText() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return (r: CandidateReason): string => {
    switch (r.kind) {
      case "readyForDecision":
        return t("agenda.reasons.readyForDecision");
      case "roundClosed":
        return r.closes
          ? t("agenda.reasons.roundClosedAt", { date: formatDate(r.closes, language) })
          : t("agenda.reasons.roundClosed");
      case "scenarioCommitted":
        return t("agenda.reasons.scenarioCommitted");
      case "fundingOpen":
        return r.totalAmount === null
          ? t("agenda.reasons.funding", { state: r.state })
          : t("agenda.reasons.fundingAmount", {
              state: r.state,
              amount: formatDkk(r.totalAmount, language),
            });
      case "status":
        return [
          r.red ? t("agenda.reasons.statusRed") : null,
          r.overduePeriod ? t("agenda.reasons.statusOverdue", { period: r.overduePeriod }) : null,
        ]
          .filter((x): x is string => x !== null)
          .join(" · ");
      case "benefitDue":
        return t("agenda.reasons.benefitDue", { date: formatDate(r.due, language) });
      case "actionOpen":
        return [
          t("agenda.reasons.action", { state: r.state }),
          r.owner ? t("agenda.reasons.actionOwner", { name: r.owner }) : null,
          r.due ? t("agenda.reasons.actionDue", { date: formatDate(r.due, language) }) : null,
        ]
          .filter((x): x is string => x !== null)
          .join(" · ");
      case "barrierOpen":
        return t("agenda.reasons.barrier", {
          kind: r.barrierKind,
          state: r.state,
          count: r.blocks,
        });
    }
  };
}

export interface CandidatePanelProps {
  groups: CandidateGroupOf[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  items: readonly AgendaItem[];
  /** The candidate being added, if any. */
  adding: string | null;
  onAdd: (candidate: AgendaCandidate) => void;
  onAddFree: (title: string) => void;
}

export function CandidatePanel(props: CandidatePanelProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const reasonText = useReasonText();
  const [freeTitle, setFreeTitle] = useState("");
  const [freeMissing, setFreeMissing] = useState(false);

  const addFree = () => {
    if (freeTitle.trim() === "") {
      setFreeMissing(true);
      return;
    }
    props.onAddFree(freeTitle.trim());
    setFreeTitle("");
  };

  return (
    <Stack as="section" gap="m" aria-labelledby="agenda-candidates-heading">
      <h2 id="agenda-candidates-heading" className={styles.heading}>
        {t("agenda.candidates.heading")}
      </h2>
      <form
        noValidate
        className={styles.free}
        onSubmit={(e) => {
          e.preventDefault();
          addFree();
        }}
      >
        <Field
          label={t("agenda.candidates.freeTitle")}
          {...(freeMissing
            ? {
                validationState: "error" as const,
                validationMessage: t("agenda.candidates.freeMissing"),
              }
            : {})}
        >
          <Input
            id="agenda-free-title"
            value={freeTitle}
            maxLength={255}
            onChange={(_e, d) => {
              setFreeTitle(d.value);
              setFreeMissing(false);
            }}
          />
        </Field>
        <Button type="submit" disabled={props.adding === "free"}>
          {t("agenda.candidates.addFree")}
        </Button>
      </form>
      {props.loading ? <Spinner size="tiny" label={t("agenda.candidates.loading")} /> : null}
      {props.error ? (
        <StoreErrorMessage
          error={props.error}
          title={t("agenda.candidates.loadFailed")}
          onRetry={props.onRetry}
        />
      ) : null}
      {props.groups && props.groups.length === 0 ? (
        <Text as="p">{t("agenda.candidates.none")}</Text>
      ) : null}
      {(props.groups ?? []).map((g) => {
        const headingId = `agenda-candidates-${g.group}`;
        return (
          <Stack as="section" gap="xs" key={g.group} aria-labelledby={headingId}>
            <h3 id={headingId} className={styles.heading}>
              {t(`agenda.groups.${g.group}`, { count: g.candidates.length })}
            </h3>
            <ul className={styles.list}>
              {g.candidates.map((c) => {
                const on = isOnAgenda(c, props.items);
                return (
                  <li key={c.key} className={styles.row}>
                    <Text weight="semibold">{c.title}</Text>
                    <Text className={styles.reason}>{reasonText(c.reason)}</Text>
                    {on ? (
                      <Text>{t("agenda.candidates.onAgenda")}</Text>
                    ) : (
                      <Button
                        size="small"
                        disabled={props.adding !== null}
                        onClick={() => props.onAdd(c)}
                        aria-label={t("agenda.candidates.addNamed", { title: c.title })}
                      >
                        {props.adding === c.key
                          ? t("agenda.candidates.adding")
                          : t("agenda.candidates.add")}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          </Stack>
        );
      })}
    </Stack>
  );
}
