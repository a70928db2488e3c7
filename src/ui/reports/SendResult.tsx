/** What sending a report came to: its refusal in words, or sent and Chefforum's orientation. */
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { Outcome } from "../../domain/problems.js";
import type { SentReport } from "../../use-cases/reports.js";
import { ProblemMessage, Stack } from "../components/index.js";

export function SendResult({ outcome }: { outcome: Outcome<SentReport> | undefined }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  if (!outcome.ok) return <ProblemMessage problems={[outcome.error]} />;
  const chefforum = outcome.value.chefforum.kind;
  return (
    <Stack gap="xs" data-print-hide>
      <MessageBar intent="success">
        <MessageBarBody>
          {t("reports.sent", { address: outcome.value.report.sentTo })}
        </MessageBarBody>
      </MessageBar>
      {chefforum !== "notApplicable" ? (
        <MessageBar
          intent={chefforum === "failed" || chefforum === "noChannel" ? "warning" : "info"}
        >
          <MessageBarBody>{t(`reports.chefforum.${chefforum}`)}</MessageBarBody>
        </MessageBar>
      ) : null}
    </Stack>
  );
}
