/**
 * Importér tiltag (issue 4 §6), `#/portefolje/import`: the secretary and the chair load many
 * initiatives from a CSV or Excel file in four steps (file, columns, preview, import). Others
 * are told why they cannot, and where to propose a single initiative instead.
 */
import {
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { hasRole, type Me } from "../../domain/roles.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useMe } from "../queries/useMe.js";
import { hrefForPage } from "../shell/routes.js";
import { ImportWizard } from "./ImportWizard.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "80rem",
  },
  heading: { margin: 0 },
  intro: { margin: 0, maxWidth: "70ch" },
});

/** Import writes many initiatives at once: the secretary's and the chair's task. */
export function mayImport(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair");
}

export default function ImportView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={me.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("import.title")}
        </Text>
      </h1>
      {me.isPending ? (
        <Spinner label={t("import.loadingAccess")} />
      ) : me.isError ? (
        <StoreErrorMessage
          error={me.error}
          title={t("import.accessErrorTitle")}
          onRetry={() => void me.refetch()}
        />
      ) : mayImport(me.data) ? (
        <>
          <Text as="p" className={styles.intro}>
            {t("import.intro")}
          </Text>
          <ImportWizard />
        </>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("import.notAllowedTitle")}</MessageBarTitle>
            {t("import.notAllowed")}{" "}
            <Link href={hrefForPage("intake")}>{t("import.intakeLink")}</Link>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
