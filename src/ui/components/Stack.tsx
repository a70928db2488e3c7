/**
 * The flex column (or row) with a token gap that views repeat: one place for the spacing scale.
 * Renders a `div` unless told otherwise (`as="section"`, `"ul"`, `"ol"`, `"form"`…), passing
 * every other attribute through (aria-*, id, role).
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { HTMLAttributes, ReactNode } from "react";

export type StackGap = "none" | "xxs" | "xs" | "s" | "m" | "l" | "xl";

const useStyles = makeStyles({
  root: { display: "flex", minWidth: 0 },
  column: { flexDirection: "column" },
  row: { flexDirection: "row", alignItems: "center" },
  wrap: { flexWrap: "wrap" },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  none: { gap: 0 },
  xxs: { gap: tokens.spacingVerticalXXS },
  xs: { gap: tokens.spacingVerticalXS },
  s: { gap: tokens.spacingVerticalS },
  m: { gap: tokens.spacingVerticalM },
  l: { gap: tokens.spacingVerticalL },
  xl: { gap: tokens.spacingVerticalXL },
  start: { alignItems: "flex-start" },
  center: { alignItems: "center" },
  end: { alignItems: "flex-end" },
  stretch: { alignItems: "stretch" },
  baseline: { alignItems: "baseline" },
  justifyBetween: { justifyContent: "space-between" },
  justifyEnd: { justifyContent: "flex-end" },
});

type StackElement = "div" | "section" | "ul" | "ol" | "li" | "form" | "header" | "footer" | "nav";

export interface StackProps extends HTMLAttributes<HTMLElement> {
  /** Column (default) or a row. */
  direction?: "column" | "row";
  /** Space between the children, from Fluent's spacing tokens (default `m`). */
  gap?: StackGap;
  align?: "start" | "center" | "end" | "stretch" | "baseline";
  justify?: "start" | "between" | "end";
  /** Rows wrap onto further lines when they do not fit. */
  wrap?: boolean;
  as?: StackElement;
  children?: ReactNode;
}

export function Stack({
  direction = "column",
  gap = "m",
  align,
  justify = "start",
  wrap = false,
  as: Element = "div",
  className,
  children,
  ...rest
}: StackProps) {
  const styles = useStyles();
  const classes = mergeClasses(
    styles.root,
    direction === "row" ? styles.row : styles.column,
    styles[gap],
    align ? styles[align] : undefined,
    justify === "between"
      ? styles.justifyBetween
      : justify === "end"
        ? styles.justifyEnd
        : undefined,
    wrap ? styles.wrap : undefined,
    Element === "ul" || Element === "ol" ? styles.list : undefined,
    className,
  );
  return (
    <Element className={classes} {...rest}>
      {children}
    </Element>
  );
}
