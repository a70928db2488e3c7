/**
 * The portfolio's filters: phase, area, source, latest status (incl. none), governance (incl.
 * none), mandatory yes/no, and a search in titles. Each is a labelled Fluent control.
 */
import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  Option,
  SearchBox,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { Ref } from "../../domain/common.js";
import type { AreaId } from "../../domain/ids.js";
import {
  EMPTY_FILTERS,
  type GovernanceChoice,
  hasFilters,
  NONE,
  type PortfolioFilters,
  type StatusChoice,
} from "../../domain/portfolio-view.js";
import { GOVERNANCES, PHASES, RAGS, SOURCES } from "../../domain/vocabulary.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "end",
  },
  field: { minWidth: "11rem", maxWidth: "16rem" },
  search: { minWidth: "14rem" },
});

interface MultiProps<V extends string> {
  label: string;
  options: readonly { value: V; text: string }[];
  chosen: readonly V[];
  onChange: (chosen: V[]) => void;
}

function Multi<V extends string>({ label, options, chosen, onChange }: MultiProps<V>) {
  const { t } = useTranslation();
  const styles = useStyles();
  const texts = options.filter((o) => chosen.includes(o.value)).map((o) => o.text);
  return (
    <Field label={label} className={styles.field}>
      <Dropdown
        multiselect
        placeholder={t("portfolio.filters.any")}
        value={
          texts.length <= 1
            ? texts.join("")
            : t("portfolio.filters.chosen", { count: texts.length })
        }
        selectedOptions={[...chosen]}
        onOptionSelect={(_, data) => onChange(data.selectedOptions as V[])}
      >
        {options.map((o) => (
          <Option key={o.value} value={o.value}>
            {o.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

export interface FilterBarProps {
  filters: PortfolioFilters;
  areas: readonly Ref<AreaId>[];
  onChange: (filters: PortfolioFilters) => void;
}

export function FilterBar({ filters, areas, onChange }: FilterBarProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const set = (change: Partial<PortfolioFilters>) => onChange({ ...filters, ...change });
  const mandatoryValue = filters.mandatory === null ? "any" : filters.mandatory ? "yes" : "no";
  return (
    <div role="group" aria-label={t("portfolio.filters.label")} className={styles.root}>
      <Field label={t("portfolio.filters.search")} className={styles.search}>
        <SearchBox
          value={filters.text}
          onChange={(_, data) => set({ text: data.value })}
          dismiss={{ "aria-label": t("portfolio.filters.clearSearch") }}
        />
      </Field>
      <Multi
        label={t("portfolio.filters.phase")}
        options={PHASES.map((p) => ({ value: p, text: t(`portfolio.phases.${p}`) }))}
        chosen={filters.phases}
        onChange={(phases) => set({ phases })}
      />
      <Multi
        label={t("portfolio.filters.area")}
        options={areas.map((a) => ({ value: String(a.id), text: a.title }))}
        chosen={filters.areas.map(String)}
        onChange={(ids) => set({ areas: ids.map((id) => Number(id) as AreaId) })}
      />
      <Multi
        label={t("portfolio.filters.source")}
        options={SOURCES.map((s) => ({ value: s, text: t(`portfolio.sources.${s}`) }))}
        chosen={filters.sources}
        onChange={(sources) => set({ sources })}
      />
      <Multi<StatusChoice>
        label={t("portfolio.filters.status")}
        options={[...RAGS, NONE].map((s) => ({ value: s, text: t(`portfolio.statuses.${s}`) }))}
        chosen={filters.statuses}
        onChange={(statuses) => set({ statuses })}
      />
      <Multi<GovernanceChoice>
        label={t("portfolio.filters.governance")}
        options={[...GOVERNANCES, NONE].map((g) => ({
          value: g,
          text: t(`portfolio.governances.${g}`),
        }))}
        chosen={filters.governances}
        onChange={(governances) => set({ governances })}
      />
      <Field label={t("portfolio.filters.mandatory")} className={styles.field}>
        <Dropdown
          value={t(`portfolio.filters.${mandatoryValue}`)}
          selectedOptions={[mandatoryValue]}
          onOptionSelect={(_, data) =>
            set({
              mandatory:
                data.optionValue === "yes" ? true : data.optionValue === "no" ? false : null,
            })
          }
        >
          <Option value="any">{t("portfolio.filters.any")}</Option>
          <Option value="yes">{t("portfolio.filters.yes")}</Option>
          <Option value="no">{t("portfolio.filters.no")}</Option>
        </Dropdown>
      </Field>
      <Button disabled={!hasFilters(filters)} onClick={() => onChange(EMPTY_FILTERS)}>
        {t("portfolio.filters.clear")}
      </Button>
    </div>
  );
}
