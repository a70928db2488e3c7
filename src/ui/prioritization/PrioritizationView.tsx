/**
 * Prioritering (issue 5): the way in to its three pages — criteria and weights (AHP), priority
 * rounds and ballots, scenarios and the optimizer — each its own lazily loaded chunk.
 */
import { Card, CardHeader, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { hrefForPrioritization, PRIORITIZATION_PAGES } from "../shell/routes.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(18rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
});

export default function PrioritizationView() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title">{t("prioritization.title")}</h1>
      <Text as="p">{t("prioritization.intro")}</Text>
      <ul className={styles.list}>
        {PRIORITIZATION_PAGES.map((page) => (
          <li key={page}>
            <Card>
              <CardHeader
                header={
                  <Link href={hrefForPrioritization(page)}>
                    <Text weight="semibold">{t(`prioritization.pages.${page}.title`)}</Text>
                  </Link>
                }
                description={<Text as="p">{t(`prioritization.pages.${page}.description`)}</Text>}
              />
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
