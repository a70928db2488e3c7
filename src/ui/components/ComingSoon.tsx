/**
 * The honest state of a view that a later issue fills: what will come here, and no data that
 * could be mistaken for real.
 */
import { Badge, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "60ch",
  },
  heading: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, margin: 0 },
});

export interface ComingSoonProps {
  title: string;
  /** What the view will hold when it is built. */
  description: string;
}

export function ComingSoon({ title, description }: ComingSoonProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {title}
        </Text>
        <Badge appearance="tint" color="informative">
          {t("comingSoon.badge")}
        </Badge>
      </h1>
      <Text as="p">{description}</Text>
      <Text as="p">{t("comingSoon.body")}</Text>
    </section>
  );
}

/** A whole view that is not built yet, titled by its navigation name. */
export function ComingSoonView({ view }: { view: string }) {
  const { t } = useTranslation();
  return <ComingSoon title={t(`nav.${view}`)} description={t(`comingSoon.${view}`)} />;
}
