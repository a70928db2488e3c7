/**
 * When what must be in (work under way, legal demands, forced in) already exceeds a budget
 * frame: by how much, per frame, and the two ways on: optimise the new candidates within what
 * is left (work under way taken as fixed, the overrun shown), or raise the frame (a link to the
 * frame in Finansiering with the needed amount filled in).
 */
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { FrameOverrun } from "../../../domain/selection.js";
import { formatDkk } from "../../../domain/tally.js";
import type { ScenarioRun } from "../../../use-cases/scenarios.js";
import { hrefForFundingFrame } from "../../shell/routes.js";

function frameKind(o: FrameOverrun): "Anlæg" | "Drift" | null {
  return o.kind === "Anlæg" || o.kind === "Drift" ? o.kind : null;
}

function OverrunLine({ o }: { o: FrameOverrun }) {
  const { t } = useTranslation();
  const kind = frameKind(o);
  const params = {
    year: o.year,
    kind: o.kind,
    frame: formatDkk(o.frame),
    underWay: formatDkk(o.underWay),
    forced: formatDkk(o.forced),
    overrun: formatDkk(o.overrun),
    needed: formatDkk(o.needed),
  };
  return (
    <li>
      {t(o.forced > 0 ? "scenarios.overrun.lineForced" : "scenarios.overrun.line", params)}.{" "}
      {kind ? (
        <Link href={hrefForFundingFrame(o.year, kind, o.needed)}>
          {t("scenarios.overrun.raise", params)}
        </Link>
      ) : null}
    </li>
  );
}

export function OverrunPanel(props: { run: ScenarioRun; onWithin: (within: boolean) => void }) {
  const { t } = useTranslation();
  const { run } = props;
  if (run.overruns.length === 0) return null;
  const lines = (
    <ul>
      {run.overruns.map((o) => (
        <OverrunLine key={`${o.year}-${o.kind}`} o={o} />
      ))}
    </ul>
  );
  if (run.withinWhatIsLeft) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t("scenarios.overrun.withinTitle")}</MessageBarTitle>
          {t("scenarios.overrun.withinBody")}
          {lines}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => props.onWithin(false)}>{t("scenarios.overrun.fullFrames")}</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("scenarios.overrun.title")}</MessageBarTitle>
        {lines}
        {t("scenarios.overrun.waysOn")}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={() => props.onWithin(true)}>
          {t("scenarios.overrun.within")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
