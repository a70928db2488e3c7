/**
 * A Problem (domain/problems.ts) in words: its code is the i18n key, its parameters are
 * formatted in the UI language, and a parameter that is itself a code (a field's label, a
 * phase's name) is worded first. `useProblemText` gives the words for inline use (a field's
 * validation message); `ProblemText` is one problem's words as an element (for a slot such as a
 * Field's validationMessage); `ProblemMessage` shows one or more problems as a MessageBar.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import type { Problem, ProblemParam } from "../../domain/problems.js";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A problem's words with the given translate function (for hooks and tests). */
export function problemText(t: Translate, p: Problem): string {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(p.params ?? {})) {
    params[name] = wordParam(t, value);
  }
  return t(p.code, params);
}

function wordParam(t: Translate, value: ProblemParam): unknown {
  if (value !== null && typeof value === "object") return t(value.code);
  return value;
}

/** Words for problems in the UI language. */
export function useProblemText(): (p: Problem) => string {
  const { t } = useTranslation();
  return useCallback((p: Problem) => problemText(t as unknown as Translate, p), [t]);
}

/** One problem's words, as an element. */
export function ProblemText({ problem }: { problem: Problem }) {
  const text = useProblemText();
  return <>{text(problem)}</>;
}

export interface ProblemMessageProps {
  problems: readonly Problem[];
  /** A title naming what was refused, e.g. "Dagsordenen kan ikke sendes". */
  title?: string;
  intent?: "error" | "warning";
}

export function ProblemMessage({ problems, title, intent = "error" }: ProblemMessageProps) {
  const text = useProblemText();
  if (problems.length === 0) return null;
  return (
    <MessageBar intent={intent} role={intent === "error" ? "alert" : "status"} layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {problems.length === 1 && problems[0] ? (
          text(problems[0])
        ) : (
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.code}-${i}`}>{text(p)}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
