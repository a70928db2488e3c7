/**
 * The open barriers blocking this initiative (the barrier register on Strategi), each with its
 * kind, state and who handles it. Shown only when something blocks it.
 */
import { Badge, Link, Text } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { InitiativeId } from "../../domain/ids.js";
import { useInitiativeBarriers } from "../queries/strategy.js";
import { hrefFor } from "../shell/routes.js";
import { Section, useSectionStyles } from "./Sections.js";

export function BarriersSection({ initiative }: { initiative: InitiativeId }) {
  const { t } = useTranslation();
  const styles = useSectionStyles();
  const barriers = useInitiativeBarriers(initiative);
  if (!barriers.data || barriers.data.length === 0) return null;
  return (
    <Section title={t("strategy.blocked.title", { count: barriers.data.length })}>
      <ul className={styles.list}>
        {barriers.data.map((b) => (
          <li key={b.id}>
            <Text weight="semibold">{b.title}</Text>{" "}
            <Badge appearance="tint" color="warning">
              {t(`strategy.barrierKinds.${b.kind}`)} · {t(`strategy.barrierStates.${b.state}`)}
            </Badge>
            {b.owner ? (
              <Text as="p" className={styles.muted}>
                {t("strategy.blocked.owner", { name: b.owner.name })}
              </Text>
            ) : null}
            {b.description ? <p className={styles.text}>{b.description}</p> : null}
          </li>
        ))}
      </ul>
      <Link href={hrefFor("strategy")}>{t("strategy.blocked.register")}</Link>
    </Section>
  );
}
