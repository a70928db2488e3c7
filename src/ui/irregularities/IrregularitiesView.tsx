/**
 * Uregelmæssigheder (`#/uregelmaessigheder`), for the chair and the secretary: every item the
 * committee's counts leave out because it breaks a rule when read (`auditSite`, the same
 * findings `npm run audit` prints), grouped by list. Each row: the item's number, the page it
 * belongs to (its initiative, round or meeting, linked), what is wrong in words, who wrote it
 * and when, as SharePoint recorded it. Anyone else is told who may see the page, and nothing is
 * read.
 */
import { Link, makeStyles, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { hasRole, type Me } from "../../domain/roles.js";
import { type Finding, findingsByList, type FindingSubject } from "../../use-cases/audit.js";
import { type DataColumn, DataTable, QueryBoundary, Stack } from "../components/index.js";
import { formatDate } from "../i18n/format.js";
import { useMe } from "../queries/index.js";
import { hrefForInitiative, hrefForMeeting, hrefForPrioritization } from "../shell/routes.js";
import { ruleText } from "./rule-text.js";
import { useAudit } from "./useAudit.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  rule: {
    whiteSpace: "normal",
    display: "-webkit-box",
    WebkitLineClamp: 3,
    WebkitBoxOrient: "vertical",
    overflow: "hidden",
  },
});

/** Who may see the page: the chair and the secretary (who read every list). */
export function mayAudit(me: Me): boolean {
  return hasRole(me, "chair") || hasRole(me, "secretary");
}

function hrefOf(subject: FindingSubject): string {
  switch (subject.kind) {
    case "initiative":
      return hrefForInitiative(subject.id);
    case "round":
      return hrefForPrioritization("rounds", subject.id);
    case "meeting":
      return hrefForMeeting(subject.id);
    case "weights":
      return hrefForPrioritization("criteria");
  }
}

function subjectText(t: TFunction, subject: FindingSubject): string {
  return t(`irregularities.page.subject.${subject.kind}`, {
    title: subject.title || t("irregularities.page.subject.untitled", { id: subject.id }),
  });
}

/** One list's findings as a table. */
function ListFindings({ list, findings }: { list: Finding["list"]; findings: Finding[] }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const language = languageFromLocale(i18n.language);
  const name = t(`irregularities.lists.${list}`);
  const headingId = `irregular-${list}`;
  const columns = useMemo<DataColumn<Finding>[]>(
    () => [
      {
        key: "item",
        header: t("irregularities.page.columns.item"),
        cell: (f) => f.item,
        sortValue: (f) => f.item,
        minWidth: 4,
        grow: 0.3,
        align: "end",
      },
      {
        key: "subject",
        header: t("irregularities.page.columns.subject"),
        cell: (f) =>
          f.subject ? (
            <Link href={hrefOf(f.subject)}>{subjectText(t, f.subject)}</Link>
          ) : (
            t("irregularities.none")
          ),
        sortValue: (f) => (f.subject ? subjectText(t, f.subject) : null),
        minWidth: 10,
        priority: 2,
      },
      {
        key: "rule",
        header: t("irregularities.page.columns.rule"),
        cell: (f) => {
          const text = ruleText(t, language, f);
          return (
            <span className={styles.rule} title={text} data-rule={f.rule}>
              {text}
            </span>
          );
        },
        sortValue: (f) => f.rule,
        minWidth: 16,
        grow: 3,
      },
      {
        key: "by",
        header: t("irregularities.page.columns.by"),
        cell: (f) => f.by?.name ?? t("irregularities.page.unknownWriter"),
        sortValue: (f) => f.by?.name ?? null,
        minWidth: 9,
      },
      {
        key: "at",
        header: t("irregularities.page.columns.at"),
        cell: (f) =>
          f.at ? formatDate(f.at, language, "dateTime") : t("irregularities.page.unknownTime"),
        sortValue: (f) => (f.at ? new Date(f.at) : null),
        minWidth: 10,
        priority: 1,
      },
    ],
    [t, language, styles.rule],
  );
  return (
    <Stack as="section" gap="s" aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t("irregularities.page.group", { list: name, count: findings.length })}
      </h2>
      <DataTable
        label={t("irregularities.page.tableLabel", { list: name })}
        rows={findings}
        columns={columns}
        rowKey={(f) => `${f.item}:${f.rule}`}
        rowHeight={80}
      />
    </Stack>
  );
}

function Findings() {
  const { t } = useTranslation();
  const audit = useAudit();
  return (
    <QueryBoundary
      query={audit}
      loadingLabel={t("irregularities.page.loading")}
      errorTitle={t("irregularities.page.loadError")}
      empty={
        <MessageBar intent="success">
          <MessageBarBody>{t("irregularities.page.none")}</MessageBarBody>
        </MessageBar>
      }
    >
      {(findings) => (
        <Stack gap="l">
          <Text as="p" role="status">
            {t("irregularities.page.summary", { count: findings.length })}
          </Text>
          {findingsByList(findings).map(([list, items]) => (
            <ListFindings key={list} list={list} findings={items} />
          ))}
        </Stack>
      )}
    </QueryBoundary>
  );
}

export default function IrregularitiesView() {
  const { t } = useTranslation();
  const me = useMe({ fresh: true });
  return (
    <Stack as="section" gap="l" aria-labelledby="view-title">
      <h1 id="view-title">{t("irregularities.title")}</h1>
      <Text as="p">{t("irregularities.page.intro")}</Text>
      <QueryBoundary query={me} loadingLabel={t("irregularities.page.loadingMe")}>
        {(who) =>
          mayAudit(who) ? (
            <Findings />
          ) : (
            <MessageBar intent="warning">
              <MessageBarBody>{t("irregularities.page.chairAndSecretaryOnly")}</MessageBarBody>
            </MessageBar>
          )
        }
      </QueryBoundary>
      <Text as="p" size={200}>
        {t("irregularities.page.cli")}
      </Text>
    </Stack>
  );
}
