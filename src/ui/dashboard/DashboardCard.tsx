/** The frame every dashboard card shares: a titled region with links to its views. */
import { Card, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { type ReactNode, useId } from "react";

import { hrefFor, type ViewKey } from "../shell/routes.js";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  title: { margin: 0 },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, flexGrow: 1 },
  links: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL },
});

export interface DashboardCardProps {
  title: string;
  links: { view: ViewKey; label: string }[];
  children: ReactNode;
  testId: string;
}

export function DashboardCard({ title, links, children, testId }: DashboardCardProps) {
  const styles = useStyles();
  const id = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className={styles.title}>
        <Text as="span" size={500} weight="semibold">
          {title}
        </Text>
      </h2>
      <div className={styles.body}>{children}</div>
      <div className={styles.links}>
        {links.map((l) => (
          <Link key={l.view} href={hrefFor(l.view)}>
            {l.label}
          </Link>
        ))}
      </div>
    </Card>
  );
}

export const useListStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  subheading: { margin: 0 },
});
