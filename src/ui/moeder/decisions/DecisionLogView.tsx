import { Text } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

/** The decision log and open actions per owner. Built in issue 6 §3. */
export default function DecisionLogView() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">{t("minutes.log.title")}</h1>
      <Text as="p">{t("minutes.comingSoon")}</Text>
    </section>
  );
}
