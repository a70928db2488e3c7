import { Avatar, Badge, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { DemoIdentity } from "../../host/runtime-config.js";

const useStyles = makeStyles({
  root: {
    maxWidth: "48rem",
    margin: "0 auto",
    padding: tokens.spacingHorizontalXXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(18rem, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  person: {
    width: "100%",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    textAlign: "start",
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    fontFamily: "inherit",
    fontSize: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": {
      outlineStyle: "solid",
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  roles: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});

export interface IdentityPickerProps {
  users: readonly DemoIdentity[];
  onChoose: (upn: string) => void;
}

/** Local mode: choose which demo person to be. Roles come from their SharePoint groups. */
export function IdentityPicker({ users, onChoose }: IdentityPickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <main className={styles.root} aria-labelledby="picker-title">
      <h1 id="picker-title">{t("picker.title")}</h1>
      <Text as="p">{t("picker.intro")}</Text>
      <ul className={styles.list} aria-label={t("picker.listLabel")}>
        {users.map((u) => {
          const roles = u.roles.map((r) => t(`roles.${r}`));
          return (
            <li key={u.upn}>
              <button type="button" className={styles.person} onClick={() => onChoose(u.upn)}>
                <Avatar name={u.displayName} aria-hidden="true" />
                <span className={styles.details}>
                  <Text weight="semibold">{u.displayName}</Text>
                  {u.jobTitle ? (
                    <Text size={200}>
                      {u.jobTitle}
                      {u.department ? `, ${u.department}` : ""}
                    </Text>
                  ) : null}
                  <span className={styles.roles}>
                    {roles.length === 0 ? (
                      <Text size={200}>{t("picker.noRoles")}</Text>
                    ) : (
                      roles.map((r) => (
                        <Badge key={r} appearance="tint" color="brand">
                          {r}
                        </Badge>
                      ))
                    )}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
