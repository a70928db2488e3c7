import { Text } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

/** Minutes, decisions and actions of a meeting, approval and posting. Built in issue 6 §3. */
export function MinutesTab({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  return <Text as="p">{t("minutes.comingSoon", { id: meetingId })}</Text>;
}
