/**
 * A short warning or error inside the dashboard. Plain markup with Fluent tokens: it follows
 * the Teams themes, including high contrast, and needs no layout observers.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteYellowBorder1}`,
  },
  error: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder1}`,
  },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, flexGrow: 1 },
});

export interface NoticeProps {
  intent: "warning" | "error";
  children: ReactNode;
  /** E.g. a retry button. */
  actions?: ReactNode;
  /** An error that replaces content is announced; a warning inside a card is not. */
  role?: "alert";
}

export function Notice({ intent, children, actions, role }: NoticeProps) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.root, styles[intent])} {...(role ? { role } : {})}>
      <div className={styles.body}>{children}</div>
      {actions}
    </div>
  );
}
