import { Badge, type BadgeProps } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { MeetingState } from "../../../domain/vocabulary.js";

const COLORS: Record<MeetingState, BadgeProps["color"]> = {
  Planlagt: "informative",
  "Dagsorden udsendt": "brand",
  Afholdt: "important",
  "Referat godkendt": "success",
  "Referat udsendt": "success",
  Aflyst: "danger",
};

/** A meeting's state as a badge whose text says the state (the colour only repeats it). */
export function MeetingStateBadge({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={COLORS[state]} shape="rounded">
      {t(`meetings.states.${state}`)}
    </Badge>
  );
}
