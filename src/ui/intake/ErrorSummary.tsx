/**
 * The error summary at the top of the form after a failed submit or save (the GOV.UK pattern):
 * it takes focus, says what is wrong in the domain's Danish words (each names its field), and
 * each message is a link that moves focus to the field it concerns. The links never change the
 * hash (the tab routes by hash).
 */
import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { forwardRef } from "react";

import type { FieldProblem } from "../../domain/validation.js";
import { ProblemText } from "../components/ProblemMessage.js";
import { fieldId } from "./form-state.js";

const useStyles = makeStyles({
  root: {
    border: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
  heading: { margin: 0 },
  list: { margin: `${tokens.spacingVerticalS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/** Moves focus to a field of the form (its control, or the first control inside it). */
export function focusField(field: string): void {
  const el = document.getElementById(fieldId(field));
  if (!el) return;
  const target = el.matches("input, textarea, select, button, [tabindex]")
    ? el
    : el.querySelector<HTMLElement>("input, textarea, select, button, [tabindex]");
  (target ?? el).scrollIntoView?.({ block: "center" });
  (target ?? el).focus();
}

export const ErrorSummary = forwardRef<
  HTMLDivElement,
  { title: string; intro: string; problems: readonly FieldProblem[] }
>(function ErrorSummary({ title, intro, problems }, ref) {
  const styles = useStyles();
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={styles.root}
      aria-labelledby="intake-error-summary-title"
      role="region"
    >
      <h2 id="intake-error-summary-title" className={styles.heading}>
        <Text as="span" size={500} weight="semibold">
          {title}
        </Text>
      </h2>
      <Text as="p">{intro}</Text>
      <ul className={styles.list}>
        {problems.map((p, i) => (
          <li key={`${p.field}-${i}`}>
            <Link
              href={`#${fieldId(p.field)}`}
              onClick={(e) => {
                e.preventDefault();
                focusField(p.field);
              }}
            >
              <ProblemText problem={p} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
});
