/** The actions above a report: its own (send), print (a PDF from the browser) and Excel. */
import { Button } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Stack } from "../components/index.js";

export function DocumentActions(props: { onExcel: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" gap="s" wrap data-print-hide>
      {props.children}
      <Button onClick={() => window.print()}>{t("reports.actions.print")}</Button>
      <Button onClick={props.onExcel}>{t("reports.actions.excel")}</Button>
    </Stack>
  );
}
