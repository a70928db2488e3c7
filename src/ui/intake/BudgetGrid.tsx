/**
 * Costs and savings per budget year and kind: a table of years (rows) × kinds (columns:
 * Anlæg, Drift, Gevinst), one amount field per cell, each named by its row and column headers
 * ("Anlæg 2026"). The years are the configured budget years (Settings `budget.years`).
 */
import { Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { BUDGET_KINDS, type BudgetKind } from "../../domain/vocabulary.js";
import { formatDkk } from "../i18n/format.js";
import { moneyKey, parseAmount } from "./form-state.js";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", maxWidth: "44rem" },
  cell: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: "left",
    verticalAlign: "top",
  },
  caption: {
    textAlign: "left",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  input: { width: "100%", minWidth: "8rem" },
  total: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, fontWeight: 600 },
});

export interface BudgetGridProps {
  years: readonly number[];
  money: Readonly<Record<string, string>>;
  onChange: (key: string, text: string) => void;
  invalid: boolean;
}

export function BudgetGrid({ years, money, onChange, invalid }: BudgetGridProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const language = languageFromLocale(i18n.language);
  if (years.length === 0) return <Text as="p">{t("intake.budget.noYears")}</Text>;
  const total = (kind: BudgetKind) =>
    years.reduce((sum, y) => {
      const a = parseAmount(money[moneyKey(y, kind)] ?? "");
      return a !== null && Number.isFinite(a) ? sum + a : sum;
    }, 0);
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{t("intake.budget.caption")}</caption>
      <thead>
        <tr>
          <th scope="col" className={styles.cell}>
            {t("intake.budget.year")}
          </th>
          {BUDGET_KINDS.map((k) => (
            <th key={k} scope="col" id={`intake-money-col-${k}`} className={styles.cell}>
              {k}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {years.map((y) => (
          <tr key={y}>
            <th scope="row" id={`intake-money-row-${y}`} className={styles.cell}>
              {y}
            </th>
            {BUDGET_KINDS.map((k) => (
              <td key={k} className={styles.cell}>
                <Input
                  className={styles.input}
                  id={`intake-money-${y}-${k}`}
                  inputMode="numeric"
                  aria-label={t("intake.budget.cell", { kind: k, year: y })}
                  aria-invalid={invalid || undefined}
                  aria-describedby="intake-money-hint intake-money-messages"
                  value={money[moneyKey(y, k)] ?? ""}
                  onChange={(_e, data) => onChange(moneyKey(y, k), data.value)}
                  contentAfter={<Text size={200}>kr.</Text>}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" className={styles.cell}>
            {t("intake.budget.totalRow")}
          </th>
          {BUDGET_KINDS.map((k) => (
            <td key={k} className={styles.total}>
              {formatDkk(total(k), language)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
