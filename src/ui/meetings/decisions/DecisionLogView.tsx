/**
 * Beslutningslog (`#/moeder/beslutninger`): the decisions of approved minutes (the secretary and
 * the chair may show the drafts too, marked as such), filterable by meeting,
 * initiative and the forum it was carried to (ØU, DF, CF), newest first, each linking to its
 * meeting's minutes and its initiative; and the open actions grouped per owner, overdue ones
 * marked with an icon and the word (not colour only), by the services' clock.
 */
import {
  Badge,
  Field,
  Link,
  makeStyles,
  Select,
  Switch,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ClockAlarmRegular } from "@fluentui/react-icons";
import { useMemo, useState } from "react";

import {
  type DecisionFilter,
  decisionFilterOptions,
  decisionLogEntries,
  filterDecisions,
  openActionsByOwner,
} from "../../../domain/meeting-plan.js";
import type { Decision } from "../../../domain/meetings.js";
import { type Forum, FORUMS } from "../../../domain/vocabulary.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";
import { QueryBoundary } from "../../components/QueryBoundary.js";
import { Stack } from "../../components/Stack.js";
import { useDecisionLog } from "../../queries/meetings.js";
import { useServices } from "../../services.js";
import { hrefFor, hrefForInitiative, hrefForMeeting } from "../../shell/routes.js";
import { useMeetingFormat } from "../plan/useMeetingPlan.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  text: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  overdue: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorPaletteRedForeground1,
  },
});

/** A decision's row holds its title and the first line of its text (all of it on hover). */
const DECISION_ROW_HEIGHT = 64;

export default function DecisionLogView() {
  const styles = useStyles();
  const { t, shortDate } = useMeetingFormat();
  const { clock } = useServices();
  const log = useDecisionLog();
  const [filter, setFilter] = useState<DecisionFilter>({
    meeting: null,
    initiative: null,
    forum: null,
  });
  // Decisions of approved minutes; the secretary and the chair may ask for the drafts too.
  const [withDrafts, setWithDrafts] = useState(false);
  const entries = useMemo(
    () =>
      log.data
        ? decisionLogEntries(
            log.data.decisions,
            log.data.approvedMeetings,
            withDrafts && log.data.mayShowDrafts,
          )
        : [],
    [log.data, withDrafts],
  );
  const drafts = useMemo(
    () => new Set(entries.filter((e) => e.draft).map((e) => e.decision.id as number)),
    [entries],
  );
  const decisions = useMemo(() => entries.map((e) => e.decision), [entries]);
  const options = useMemo(() => decisionFilterOptions(decisions), [decisions]);
  const shown = useMemo(() => filterDecisions(decisions, filter), [decisions, filter]);
  const owners = useMemo(
    () => openActionsByOwner(log.data?.actions ?? [], clock.now()),
    [log.data, clock],
  );
  const idOrNull = (v: string) => (v === "" ? null : Number(v));
  const carriedTo = (d: Decision) =>
    d.carriedTo.length > 0
      ? d.carriedTo.map((f) => t(`meetings.forums.${f}`)).join(", ")
      : t("meetings.log.notCarried");
  const columns: DataColumn<Decision>[] = [
    {
      key: "decision",
      header: t("meetings.log.columns.decision"),
      cell: (d) => (
        <>
          <Text weight="semibold" block>
            {d.title}
            {drafts.has(d.id) ? (
              <>
                {" "}
                <Badge appearance="outline" color="warning">
                  {t("meetings.log.draft")}
                </Badge>
              </>
            ) : null}
          </Text>
          <Text className={styles.text} block title={d.text}>
            {d.text}
          </Text>
        </>
      ),
      sortValue: (d) => d.title,
      minWidth: 18,
      grow: 3,
    },
    {
      key: "decidedAt",
      header: t("meetings.log.columns.decidedAt"),
      cell: (d) => shortDate(d.decidedAt),
      sortValue: (d) => d.decidedAt,
    },
    {
      key: "meeting",
      header: t("meetings.log.columns.meeting"),
      cell: (d) =>
        d.meeting ? (
          <Link href={hrefForMeeting(d.meeting.id, "minutes")}>{d.meeting.title}</Link>
        ) : (
          "–"
        ),
      sortValue: (d) => d.meeting?.title ?? null,
      minWidth: 12,
      priority: 2,
    },
    {
      key: "initiative",
      header: t("meetings.log.columns.initiative"),
      cell: (d) =>
        d.initiative ? (
          <Link href={hrefForInitiative(d.initiative.id)}>{d.initiative.title}</Link>
        ) : (
          "–"
        ),
      sortValue: (d) => d.initiative?.title ?? null,
      minWidth: 12,
      priority: 1,
    },
    {
      key: "carriedTo",
      header: t("meetings.log.columns.carriedTo"),
      cell: carriedTo,
      sortValue: carriedTo,
      minWidth: 12,
      priority: 3,
    },
  ];

  return (
    <Stack as="section" gap="l" aria-labelledby="view-title" aria-busy={log.isPending}>
      <Link href={hrefFor("meetings")}>{t("meetings.page.back")}</Link>
      <h1 id="view-title" className={styles.heading}>
        {t("meetings.log.title")}
      </h1>
      <QueryBoundary
        query={log}
        isEmpty={() => false}
        loadingLabel={t("meetings.log.loading")}
        errorTitle={t("meetings.log.loadError")}
      >
        {() => (
          <>
            <section aria-labelledby="decisions-title">
              <h2 id="decisions-title">{t("meetings.log.decisions")}</h2>
              <Stack direction="row" gap="l" wrap>
                <Field label={t("meetings.log.filterMeeting")}>
                  <Select
                    value={filter.meeting === null ? "" : String(filter.meeting)}
                    onChange={(_, d) => setFilter((f) => ({ ...f, meeting: idOrNull(d.value) }))}
                  >
                    <option value="">{t("meetings.log.all")}</option>
                    {options.meetings.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.title}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t("meetings.log.filterInitiative")}>
                  <Select
                    value={filter.initiative === null ? "" : String(filter.initiative)}
                    onChange={(_, d) => setFilter((f) => ({ ...f, initiative: idOrNull(d.value) }))}
                  >
                    <option value="">{t("meetings.log.all")}</option>
                    {options.initiatives.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.title}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t("meetings.log.filterForum")}>
                  <Select
                    value={filter.forum ?? ""}
                    onChange={(_, d) =>
                      setFilter((f) => ({
                        ...f,
                        forum: d.value === "" ? null : (d.value as Forum),
                      }))
                    }
                  >
                    <option value="">{t("meetings.log.all")}</option>
                    {FORUMS.map((f) => (
                      <option key={f} value={f}>
                        {t(`meetings.forums.${f}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
              </Stack>
              {log.data?.mayShowDrafts ? (
                <Switch
                  checked={withDrafts}
                  onChange={(_, d) => setWithDrafts(d.checked)}
                  label={t("meetings.log.showDrafts")}
                />
              ) : null}
              <Text as="p">
                {withDrafts ? t("meetings.log.draftsShown") : t("meetings.log.approvedOnly")}
              </Text>
              <Text as="p" role="status" aria-live="polite">
                {t("meetings.log.shown", { count: shown.length, total: decisions.length })}
              </Text>
              {shown.length > 0 ? (
                <DataTable
                  label={t("meetings.log.decisions")}
                  rows={shown}
                  columns={columns}
                  rowKey={(d) => d.id}
                  rowHeight={DECISION_ROW_HEIGHT}
                />
              ) : null}
            </section>

            <section aria-labelledby="actions-title">
              <h2 id="actions-title">{t("meetings.log.actions")}</h2>
              {owners.length === 0 ? (
                <Text as="p">{t("meetings.log.noActions")}</Text>
              ) : (
                owners.map((g) => {
                  const name = g.owner?.name ?? t("meetings.log.noOwner");
                  const headingId = `owner-${g.owner?.id ?? "none"}`;
                  return (
                    <section key={headingId} aria-labelledby={headingId}>
                      <h3 id={headingId}>
                        {t("meetings.log.ownerHeading", {
                          name,
                          count: g.actions.length,
                          overdue: g.overdue,
                        })}
                      </h3>
                      <ul className={styles.list}>
                        {g.actions.map(({ action: a, overdue }) => (
                          <li key={a.id}>
                            <Text weight="semibold">{a.title}</Text>{" "}
                            <Text>
                              {t("meetings.log.actionLine", {
                                state: t(`meetings.actionStates.${a.state}`),
                                due: a.due ? shortDate(a.due) : t("meetings.log.noDue"),
                              })}
                            </Text>{" "}
                            {overdue ? (
                              <span className={styles.overdue}>
                                <ClockAlarmRegular aria-hidden />
                                {t("meetings.log.overdue")}
                              </span>
                            ) : null}{" "}
                            {a.meeting ? (
                              <Link href={hrefForMeeting(a.meeting.id, "minutes")}>
                                {a.meeting.title}
                              </Link>
                            ) : null}{" "}
                            {a.initiative ? (
                              <Link href={hrefForInitiative(a.initiative.id)}>
                                {a.initiative.title}
                              </Link>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </section>
                  );
                })
              )}
            </section>
          </>
        )}
      </QueryBoundary>
    </Stack>
  );
}
