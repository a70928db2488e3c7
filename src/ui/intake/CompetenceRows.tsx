/**
 * Needed competences with hours: one row per competence (a choice of COMPETENCES and the hours),
 * rows added and removed with buttons. After adding, focus moves to the new row's competence;
 * after removing, to the add button, so keyboard users never lose their place.
 */
import {
  Button,
  Dropdown,
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Add16Regular, Delete16Regular } from "@fluentui/react-icons";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import { COMPETENCES } from "../../domain/vocabulary.js";
import { type CompetenceRow, nextRowKey } from "./form-state.js";

const useStyles = makeStyles({
  rows: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  hours: { width: "8rem" },
});

export interface CompetenceRowsProps {
  rows: readonly CompetenceRow[];
  onChange: (rows: CompetenceRow[]) => void;
  invalid: boolean;
}

export function CompetenceRows({ rows, onChange, invalid }: CompetenceRowsProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const addButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<"new" | "add" | null>(null);
  const lastKey = rows.at(-1)?.key;

  useEffect(() => {
    if (focusNext.current === "new" && lastKey !== undefined) {
      document.getElementById(`intake-competence-${lastKey}`)?.focus();
    } else if (focusNext.current === "add") {
      addButton.current?.focus();
    }
    focusNext.current = null;
  }, [rows.length, lastKey]);

  const update = (key: number, change: Partial<CompetenceRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <>
      {rows.length === 0 ? <Text as="p">{t("intake.competences.none")}</Text> : null}
      <ul className={styles.rows}>
        {rows.map((r, i) => {
          const n = i + 1;
          return (
            <li key={r.key} className={styles.row}>
              <Dropdown
                id={`intake-competence-${r.key}`}
                aria-label={t("intake.competences.competence", { n })}
                aria-invalid={invalid || undefined}
                placeholder={t("intake.competences.placeholder")}
                value={r.competence ?? ""}
                selectedOptions={r.competence ? [r.competence] : []}
                onOptionSelect={(_e, data) =>
                  update(r.key, {
                    competence: COMPETENCES.find((c) => c === data.optionValue) ?? null,
                  })
                }
              >
                {COMPETENCES.map((c) => (
                  <Option key={c} value={c}>
                    {c}
                  </Option>
                ))}
              </Dropdown>
              <Input
                className={styles.hours}
                inputMode="decimal"
                aria-label={t("intake.competences.hours", { n })}
                aria-invalid={invalid || undefined}
                value={r.hours}
                onChange={(_e, data) => update(r.key, { hours: data.value })}
                contentAfter={<Text size={200}>t</Text>}
              />
              <Button
                icon={<Delete16Regular />}
                onClick={() => {
                  focusNext.current = "add";
                  onChange(rows.filter((x) => x.key !== r.key));
                }}
              >
                {t("intake.competences.remove", { n })}
              </Button>
            </li>
          );
        })}
      </ul>
      <div>
        <Button
          ref={addButton}
          icon={<Add16Regular />}
          onClick={() => {
            focusNext.current = "new";
            onChange([...rows, { key: nextRowKey(), competence: null, hours: "" }]);
          }}
        >
          {t("intake.competences.add")}
        </Button>
      </div>
    </>
  );
}
