/**
 * The secretary's list of ongoing initiatives without a published report this period: select
 * some or all and send a reminder. One mail per person (privacy: nobody sees who else is
 * behind); what Graph did not accept is listed with the reason and can be sent again alone.
 */
import {
  Button,
  Checkbox,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useReducer } from "react";

import { isStoreError } from "../../domain/errors.js";
import type { Me } from "../../domain/roles.js";
import {
  type ReminderRecipient,
  reminderRecipients,
  type ReportingPeriod,
} from "../../domain/status-reports.js";
import type { MissingRow } from "../../use-cases/status-reports.js";
import { type DataColumn, DataTable, Stack, StoreErrorMessage } from "../components/index.js";
import { hrefForInitiative } from "../shell/routes.js";
import { RagWord } from "./Rag.js";
import {
  failedRecipients,
  INITIAL_REMINDER_STATE,
  reminderPlan,
  reminderReducer,
} from "./reminder-state.js";
import { statusPageLink, useStatusActions, useStatusFormat } from "./useStatusReports.js";

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface MissingReportsProps {
  me: Me;
  rows: MissingRow[];
  period: ReportingPeriod;
  deadline: string | null;
}

export function MissingReports({ me, rows, period, deadline }: MissingReportsProps) {
  const styles = useStyles();
  const { t, period: periodLabel } = useStatusFormat();
  const actions = useStatusActions();
  const [state, dispatch] = useReducer(reminderReducer, INITIAL_REMINDER_STATE);
  const { selected, sentFor, failed, lastSent, withoutRecipient, busy, error } = state;

  const label = periodLabel(period.key);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.initiative.id));
  const someSelected = rows.some((r) => selected.has(r.initiative.id));

  const toggle = (id: number, on: boolean) => dispatch({ kind: "toggle", id, on });

  const send = async (recipients: readonly ReminderRecipient[]) => {
    dispatch({ kind: "sending" });
    try {
      const outcome = await actions.sendReminders({
        recipients,
        period,
        deadline,
        link: statusPageLink(),
        senderName: me.person.name,
      });
      dispatch({ kind: "sent", outcome });
    } catch (e) {
      dispatch({ kind: "sendFailed", error: e });
    }
  };

  const sendSelected = () => {
    const chosen = rows.filter((r) => selected.has(r.initiative.id));
    const { recipients, withoutRecipient: nobody } = reminderRecipients(chosen);
    dispatch({ kind: "planned", plan: reminderPlan(chosen), withoutRecipient: nobody });
    void send(recipients);
  };

  const reason = (e: unknown) => t(`status.missing.errors.${isStoreError(e) ? e.kind : "Unknown"}`);

  const columns: DataColumn<MissingRow>[] = [
    {
      key: "select",
      header: t("status.missing.selected"),
      minWidth: 5,
      grow: 0,
      cell: (r) => (
        <Checkbox
          aria-label={t("status.missing.selectRow", { title: r.initiative.title })}
          checked={selected.has(r.initiative.id)}
          onChange={(_, d) => toggle(r.initiative.id, d.checked === true)}
        />
      ),
    },
    {
      key: "initiative",
      header: t("status.missing.initiative"),
      minWidth: 14,
      grow: 2,
      sortValue: (r) => r.initiative.title,
      cell: (r) => (
        <Stack gap="none">
          <Link href={hrefForInitiative(r.initiative.id)}>{r.initiative.title}</Link>
          {r.hasDraft ? <Text size={200}>{t("status.missing.draftExists")}</Text> : null}
        </Stack>
      ),
    },
    {
      key: "owner",
      header: t("status.missing.owner"),
      priority: 2,
      sortValue: (r) => r.owner?.name,
      cell: (r) => r.owner?.name ?? t("status.missing.noOne"),
    },
    {
      key: "responsible",
      header: t("status.missing.responsible"),
      sortValue: (r) => r.responsible?.name,
      cell: (r) => r.responsible?.name ?? t("status.missing.noOne"),
    },
    {
      key: "lastReport",
      header: t("status.missing.lastReport"),
      priority: 1,
      sortValue: (r) => r.lastReport?.period,
      cell: (r) =>
        r.lastReport ? (
          <>
            {periodLabel(r.lastReport.period)}: <RagWord rag={r.lastReport.overall} />
          </>
        ) : (
          t("status.missing.noLastReport")
        ),
    },
    {
      key: "reminder",
      header: t("status.missing.reminder"),
      sortValue: (r) => sentFor.has(r.initiative.id),
      cell: (r) =>
        sentFor.has(r.initiative.id) ? t("status.missing.sent") : t("status.missing.notSent"),
    },
  ];

  if (rows.length === 0) {
    return <Text as="p">{t("status.missing.none", { period: label })}</Text>;
  }

  return (
    <Stack gap="m">
      <Text as="p">
        {t("status.missing.intro", { period: label })}{" "}
        {t("status.missing.count", { count: rows.length })}
      </Text>
      <Checkbox
        label={t("status.missing.selectAll")}
        checked={allSelected ? true : someSelected ? "mixed" : false}
        onChange={(_, d) =>
          dispatch(
            d.checked === true
              ? { kind: "selectAll", ids: rows.map((r) => r.initiative.id) }
              : { kind: "selectNone" },
          )
        }
      />
      <DataTable
        label={t("status.missing.tableLabel")}
        rows={rows}
        columns={columns}
        rowKey={(r) => r.initiative.id}
        rowHeight={48}
      />
      <Text as="p" size={200}>
        {t("status.missing.privacy")}
      </Text>
      <Stack direction="row" wrap gap="m">
        <Button appearance="primary" disabled={busy || selected.size === 0} onClick={sendSelected}>
          {t("status.missing.send", { count: selected.size })}
        </Button>
      </Stack>
      <div role="status" aria-live="polite">
        {busy ? <Text>{t("status.missing.sending")}</Text> : null}
        {!busy && lastSent !== null ? (
          <Text>{t("status.missing.sentCount", { count: lastSent })}</Text>
        ) : null}
      </div>
      {withoutRecipient.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {t("status.missing.withoutRecipient", { titles: withoutRecipient.join(", ") })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {failed.length > 0 && !busy ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {t("status.missing.failedTitle", { count: failed.length })}
            </MessageBarTitle>
            <ul className={styles.list}>
              {failed.map((f) => (
                <li key={f.recipient.person.id}>
                  {t("status.missing.failedItem", {
                    name: f.recipient.person.name,
                    reason: reason(f.error),
                  })}
                </li>
              ))}
            </ul>
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void send(failedRecipients(state))}>
              {t("status.missing.retryFailed")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {error ? <StoreErrorMessage error={error} /> : null}
    </Stack>
  );
}
