import { Text } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

/** The agenda builder (secretary) and the agenda as members read it. Built in issue 6 §2. */
export function AgendaTab({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  return <Text as="p">{t("agenda.comingSoon", { id: meetingId })}</Text>;
}
