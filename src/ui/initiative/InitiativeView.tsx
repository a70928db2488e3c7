import { useTranslation } from "react-i18next";

import { ComingSoon } from "../components/ComingSoon.js";

/**
 * Where a deep link to an initiative (`#/initiativ/<id>`, or a Teams `subEntityId`) lands.
 * The initiative page comes with the portfolio issue; until then it names the initiative.
 */
export default function InitiativeView({ id }: { id: number }) {
  const { t } = useTranslation();
  return (
    <ComingSoon
      title={t("comingSoon.initiativeTitle", { id })}
      description={t("comingSoon.initiative", { id })}
    />
  );
}
