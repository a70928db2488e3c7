import { Badge, Button, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { errorMessageKey } from "../errors.js";
import { useMe } from "../queries/useMe.js";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  roles: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface IdentityHeaderProps {
  /** Local mode only: go back to the identity picker. */
  onSwitchUser?: () => void;
}

/** Who I am and my roles (from SharePoint group membership), in the header. */
export function IdentityHeader({ onSwitchUser }: IdentityHeaderProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  return (
    <div className={styles.root} data-testid="identity">
      {me.isPending ? (
        <Spinner size="tiny" label={t("identity.loading")} />
      ) : me.isError ? (
        <Text role="alert" className={styles.error}>
          {t(errorMessageKey(me.error))}
        </Text>
      ) : (
        <>
          <Text>
            {t("identity.signedInAs")} <strong>{me.data.person.name}</strong>
          </Text>
          {me.data.roles.length === 0 ? (
            <Text>{t("identity.noRoles")}</Text>
          ) : (
            <ul className={styles.roles} aria-label={t("identity.roles")}>
              {me.data.roles.map((role) => (
                <li key={role}>
                  <Badge appearance="tint" color="brand">
                    {t(`roles.${role}`)}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {onSwitchUser ? (
        <Button size="small" appearance="subtle" onClick={onSwitchUser}>
          {t("identity.switchUser")}
        </Button>
      ) : null}
    </div>
  );
}
