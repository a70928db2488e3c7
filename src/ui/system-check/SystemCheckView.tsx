/**
 * Systemtjek: the doctor's checks run with the tab's own tokens, for owners of the SharePoint
 * site. One table per area (the SharePoint site, lists and fields, levels, groups, permissions,
 * the token's permissions, Teams channels, calendar, mail, the browser), one row per check with
 * its status in words and an icon (never colour alone), what was found and, for a failure, how
 * to fix it. The same rows as `npm run doctor`, from the same codes.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  CheckmarkCircle20Regular,
  ErrorCircle20Regular,
  Warning20Regular,
} from "@fluentui/react-icons";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import {
  CHECK_AREAS,
  type CheckRow,
  type CheckStatus,
  type CheckText,
} from "../../domain/readiness.js";
import { hasRole } from "../../domain/roles.js";
import { countByStatus } from "../../use-cases/doctor.js";
import { type DataColumn, DataTable, QueryBoundary, Stack } from "../components/index.js";
import { useMe } from "../queries/index.js";
import { useSystemCheck } from "../queries/system-check.js";

const useStyles = makeStyles({
  status: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  ok: { color: tokens.colorStatusSuccessForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  failure: { color: tokens.colorStatusDangerForeground1 },
  wrap: { whiteSpace: "normal" },
  findings: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  fix: { margin: `${tokens.spacingVerticalXS} 0 0` },
  area: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}` },
});

/** Failures first when sorted by status. */
const STATUS_ORDER: Record<CheckStatus, number> = { failure: 0, warning: 1, ok: 2 };

function useText() {
  const { t } = useTranslation();
  return (x: CheckText) => t(`doctor.${x.code}`, { ...x.params });
}

function StatusLabel({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const Icon =
    status === "ok"
      ? CheckmarkCircle20Regular
      : status === "warning"
        ? Warning20Regular
        : ErrorCircle20Regular;
  return (
    <span className={styles.status}>
      <Icon aria-hidden className={styles[status]} />
      <Text weight={status === "ok" ? "regular" : "semibold"}>{t(`doctor.status.${status}`)}</Text>
    </span>
  );
}

/** Lines a row's details take (findings, and the fix when the check did not pass). */
function detailLines(row: CheckRow): number {
  return Math.max(1, row.findings.length + (row.fix && row.status !== "ok" ? 1 : 0));
}

function AreaTable({ area, rows }: { area: CheckRow["area"]; rows: readonly CheckRow[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const say = useText();
  const headingId = `systemcheck-${area}`;
  const columns: DataColumn<CheckRow>[] = [
    {
      key: "status",
      header: t("doctor.page.columns.status"),
      minWidth: 8,
      grow: 0.6,
      cell: (row) => <StatusLabel status={row.status} />,
      sortValue: (row) => STATUS_ORDER[row.status],
    },
    {
      key: "check",
      header: t("doctor.page.columns.check"),
      minWidth: 14,
      grow: 1.4,
      cell: (row) => (
        <span className={styles.wrap} data-check={row.id}>
          {say(row.subject)}
        </span>
      ),
      sortValue: (row) => say(row.subject),
    },
    {
      key: "details",
      header: t("doctor.page.columns.details"),
      minWidth: 18,
      grow: 3,
      cell: (row) => (
        <div className={styles.wrap}>
          {row.findings.length > 0 && (
            <ul className={styles.findings}>
              {row.findings.map((f, i) => (
                <li key={i}>{say(f)}</li>
              ))}
            </ul>
          )}
          {row.fix && row.status !== "ok" && (
            <p className={styles.fix}>
              <Text weight="semibold">{t("doctor.page.fix")}</Text> {say(row.fix)}
            </p>
          )}
        </div>
      ),
    },
  ];
  const lines = rows.reduce((most, row) => Math.max(most, detailLines(row)), 1);
  return (
    <Stack as="section" gap="s" aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.area}>
        {t(`doctor.area.${area}`)}
      </h2>
      <DataTable
        label={t(`doctor.area.${area}`)}
        rows={rows}
        columns={columns}
        rowKey={(row) => row.id}
        rowHeight={24 + 40 * lines}
      />
    </Stack>
  );
}

function Summary({ rows, reachable }: { rows: readonly CheckRow[]; reachable: boolean }) {
  const { t } = useTranslation();
  const counts = countByStatus(rows);
  const intent =
    !reachable || counts.failure > 0 ? "error" : counts.warning > 0 ? "warning" : "success";
  return (
    <MessageBar intent={intent}>
      <MessageBarBody>
        {!reachable
          ? t("doctor.page.unreachable")
          : counts.failure === 0 && counts.warning === 0
            ? t("doctor.page.allPassed")
            : t("doctor.page.summary", counts)}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The page for an owner: runs the checks at once (they only read), and again on request. */
function OwnerCheck() {
  const { t } = useTranslation();
  const { state, run } = useSystemCheck();
  const started = useRef(false);
  useEffect(() => {
    if (!started.current) {
      started.current = true;
      run();
    }
  }, [run]);

  const byArea = CHECK_AREAS.map((area) => ({
    area,
    rows: state.rows.filter((r) => r.area === area),
  })).filter((g) => g.rows.length > 0);

  return (
    <>
      <Stack direction="row" align="center" gap="m">
        <Button appearance="primary" disabled={state.phase === "running"} onClick={run}>
          {state.phase === "idle" ? t("doctor.page.run") : t("doctor.page.rerun")}
        </Button>
        {state.phase === "running" && <Spinner size="tiny" label={t("doctor.page.running")} />}
      </Stack>
      <div role="status" aria-live="polite">
        {state.phase === "done" && <Summary rows={state.rows} reachable={state.report.reachable} />}
        {state.phase === "error" && (
          <MessageBar intent="error">
            <MessageBarBody>{t("doctor.page.failed", { message: state.message })}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {byArea.map((g) => (
        <AreaTable key={g.area} area={g.area} rows={g.rows} />
      ))}
      <Text as="p" size={200}>
        {t("doctor.page.cli")}
      </Text>
    </>
  );
}

export default function SystemCheckView() {
  const { t } = useTranslation();
  const me = useMe({ fresh: true });
  return (
    <Stack as="section" gap="l" aria-labelledby="view-title">
      <h1 id="view-title">{t("doctor.page.title")}</h1>
      <Text as="p">{t("doctor.page.intro")}</Text>
      <QueryBoundary query={me} loadingLabel={t("doctor.page.loadingMe")}>
        {(who) =>
          hasRole(who, "owner") ? (
            <OwnerCheck />
          ) : (
            <MessageBar intent="warning">
              <MessageBarBody>{t("doctor.page.ownersOnly")}</MessageBarBody>
            </MessageBar>
          )
        }
      </QueryBoundary>
    </Stack>
  );
}
