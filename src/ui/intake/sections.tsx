/**
 * The intake form's sections, each memoised: typing in one field re-renders only its section
 * (the form has some sixty controls; a municipal PC should not redraw them all per keystroke).
 * Every section gets the stable `set` and the last attempt's messages per field.
 */
import {
  Checkbox,
  Dropdown,
  Field,
  type FieldProps,
  Input,
  makeStyles,
  Option,
  shorthands,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircle16Regular } from "@fluentui/react-icons";
import { memo, type ReactElement, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Person, Ref } from "../../domain/common.js";
import type { InitiativeId } from "../../domain/ids.js";
import { INITIATIVE_FIELDS } from "../../domain/initiative-fields.js";
import type { Area } from "../../domain/portfolio.js";
import { SOURCES } from "../../domain/vocabulary.js";
import { characterCount, HintWithCount } from "../components/fields.js";
import { useVocabulary } from "../components/vocabulary.js";
import { errorMessageKey } from "../errors.js";
import { BudgetGrid } from "./BudgetGrid.js";
import { CompetenceRows } from "./CompetenceRows.js";
import { type CompetenceRow, fieldId, type IntakeFormState } from "./form-state.js";
import { InitiativePicker } from "./InitiativePicker.js";
import { PersonPicker } from "./PersonPicker.js";

type DraftFields = IntakeFormState["draft"];
export type SetField = <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;
/** The last attempt's messages per field (the domain's Danish words). */
export type Messages = ReadonlyMap<string, string[]>;

const NONE: string[] = [];
const messagesOf = (messages: Messages, field: string) => messages.get(field) ?? NONE;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  sectionHeading: { margin: `${tokens.spacingVerticalM} 0 0` },
  group: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  groupInvalid: { ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  hint: { color: tokens.colorNeutralForeground3 },
  messages: {
    color: tokens.colorPaletteRedForeground1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  message: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

/** A field's messages as Field's validationMessage: one line each. */
function messageNode(messages: string[]): string | ReactElement {
  return messages.length === 1 ? (
    (messages[0] ?? "")
  ) : (
    <>
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </>
  );
}

/**
 * A field's label; a required one ends in an asterisk that is hidden from screen readers (the
 * control itself says it is required), so the field's name is just its label: "Titel".
 */
function labelOf(text: string, required: boolean): FieldProps["label"] {
  return required ? { children: text, required: { "aria-hidden": true, children: "*" } } : text;
}

/** Field's error state and message for these messages (none: no error). */
function problemProps(found: string[]): Pick<FieldProps, "validationState" | "validationMessage"> {
  return found.length > 0
    ? { validationState: "error", validationMessage: messageNode(found) }
    : {};
}

const fieldProps = (messages: Messages, field: string) => problemProps(messagesOf(messages, field));

/** Messages of a group of controls (budget grid, competences), under the group. */
function GroupMessages({ id, messages }: { id: string; messages: string[] }) {
  const styles = useStyles();
  return (
    <div id={id} className={styles.messages}>
      {messages.map((m, i) => (
        <Text key={i} className={styles.message}>
          <ErrorCircle16Regular aria-hidden />
          {m}
        </Text>
      ))}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.sectionHeading}>
        <Text as="span" size={500} weight="semibold">
          {title}
        </Text>
      </h2>
      {children}
    </section>
  );
}

type TextKey = "title" | "summary" | "need" | "solution" | "expectedBenefits" | "externalRef";

const TextField = memo(function TextField(props: {
  field: TextKey;
  value: string;
  required?: boolean;
  multiline?: boolean;
  messages: string[];
  set: SetField;
}) {
  const { t } = useTranslation();
  const { field, value, set } = props;
  const control = props.multiline ? (
    <Textarea
      id={fieldId(field)}
      resize="vertical"
      value={value}
      onChange={(_e, v) => set(field, v.value)}
    />
  ) : (
    <Input id={fieldId(field)} value={value} onChange={(_e, v) => set(field, v.value)} />
  );
  const maxLength = INITIATIVE_FIELDS[field].maxLength;
  const over = characterCount(value, maxLength).over > 0;
  return (
    <Field
      label={labelOf(t(`intake.fields.${field}`), props.required ?? false)}
      hint={
        <HintWithCount hint={t(`intake.fields.${field}Hint`)} value={value} maxLength={maxLength} />
      }
      required={props.required ?? false}
      {...(over ? { validationState: "error" as const } : {})}
      {...problemProps(props.messages)}
    >
      {control}
    </Field>
  );
});

export const ProposalSection = memo(function ProposalSection(props: {
  title: string;
  summary: string;
  need: string;
  solution: string;
  messages: Messages;
  set: SetField;
}) {
  const { t } = useTranslation();
  const { messages, set } = props;
  return (
    <Section id="intake-s-proposal" title={t("intake.sections.proposal")}>
      <TextField
        field="title"
        value={props.title}
        required
        messages={messagesOf(messages, "title")}
        set={set}
      />
      <TextField
        field="summary"
        value={props.summary}
        required
        multiline
        messages={messagesOf(messages, "summary")}
        set={set}
      />
      <TextField
        field="need"
        value={props.need}
        required
        multiline
        messages={messagesOf(messages, "need")}
        set={set}
      />
      <TextField
        field="solution"
        value={props.solution}
        multiline
        messages={messagesOf(messages, "solution")}
        set={set}
      />
    </Section>
  );
});

export const PlacementSection = memo(function PlacementSection(props: {
  source: DraftFields["source"];
  area: DraftFields["area"];
  owner: Person | null;
  externalRef: string;
  areas: readonly Area[];
  messages: Messages;
  set: SetField;
}) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const { messages, set, source, area } = props;
  const [ownerError, setOwnerError] = useState<unknown>(null);
  const activeAreas = props.areas.filter((a) => a.active || a.id === area?.id);
  return (
    <Section id="intake-s-placement" title={t("intake.sections.placement")}>
      <Field
        label={labelOf(t("intake.fields.source"), true)}
        hint={t("intake.fields.sourceHint")}
        required
        {...fieldProps(messages, "source")}
      >
        <Dropdown
          id={fieldId("source")}
          placeholder={t("intake.fields.sourcePlaceholder")}
          value={source ? vocab.source(source) : ""}
          selectedOptions={source ? [source] : []}
          onOptionSelect={(_e, v) =>
            set("source", SOURCES.find((s) => s === v.optionValue) ?? null)
          }
        >
          {SOURCES.map((s) => (
            <Option key={s} value={s} text={vocab.source(s)}>
              {vocab.source(s)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label={labelOf(t("intake.fields.area"), true)}
        hint={activeAreas.length === 0 ? t("intake.fields.noAreas") : t("intake.fields.areaHint")}
        required
        {...fieldProps(messages, "area")}
      >
        <Dropdown
          id={fieldId("area")}
          placeholder={t("intake.fields.areaPlaceholder")}
          value={area?.title ?? ""}
          selectedOptions={area ? [String(area.id)] : []}
          onOptionSelect={(_e, v) => {
            const a = props.areas.find((x) => String(x.id) === v.optionValue);
            set("area", a ? { id: a.id, title: a.title } : null);
          }}
        >
          {activeAreas.map((a) => (
            <Option key={a.id} value={String(a.id)}>
              {a.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label={labelOf(t("intake.fields.owner"), true)}
        hint={t("intake.fields.ownerHint")}
        required
        {...(ownerError
          ? { validationState: "error" as const, validationMessage: t(errorMessageKey(ownerError)) }
          : fieldProps(messages, "owner"))}
      >
        <PersonPicker
          id={fieldId("owner")}
          value={props.owner}
          invalid={ownerError !== null || messagesOf(messages, "owner").length > 0}
          onChange={(p) => {
            setOwnerError(null);
            set("owner", p);
          }}
          onError={setOwnerError}
        />
      </Field>
      <TextField
        field="externalRef"
        value={props.externalRef}
        messages={messagesOf(messages, "externalRef")}
        set={set}
      />
    </Section>
  );
});

export const LawSection = memo(function LawSection(props: {
  mandatory: boolean;
  legalDeadline: string | null;
  messages: Messages;
  set: SetField;
}) {
  const { t } = useTranslation();
  const { messages, set } = props;
  return (
    <Section id="intake-s-law" title={t("intake.sections.law")}>
      <Field hint={t("intake.fields.mandatoryHint")}>
        <Checkbox
          id={fieldId("mandatory")}
          label={t("intake.fields.mandatory")}
          checked={props.mandatory}
          onChange={(_e, v) => set("mandatory", v.checked === true)}
        />
      </Field>
      <Field
        label={labelOf(t("intake.fields.legalDeadline"), props.mandatory)}
        hint={t("intake.fields.legalDeadlineHint")}
        required={props.mandatory}
        {...fieldProps(messages, "legalDeadline")}
      >
        <Input
          id={fieldId("legalDeadline")}
          type="date"
          value={props.legalDeadline?.slice(0, 10) ?? ""}
          onChange={(_e, v) => set("legalDeadline", v.value ? `${v.value}T00:00:00Z` : null)}
        />
      </Field>
    </Section>
  );
});

export const EconomySection = memo(function EconomySection(props: {
  expectedBenefits: string;
  years: readonly number[];
  money: Readonly<Record<string, string>>;
  onMoney: (key: string, text: string) => void;
  messages: Messages;
  set: SetField;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const moneyMessages = messagesOf(props.messages, "money");
  return (
    <Section id="intake-s-economy" title={t("intake.sections.economy")}>
      <TextField
        field="expectedBenefits"
        value={props.expectedBenefits}
        multiline
        messages={messagesOf(props.messages, "expectedBenefits")}
        set={props.set}
      />
      <fieldset
        id={fieldId("money")}
        className={
          moneyMessages.length > 0 ? `${styles.group} ${styles.groupInvalid}` : styles.group
        }
      >
        <legend className={styles.legend}>{t("intake.budget.legend")}</legend>
        <Text id="intake-money-hint" className={styles.hint}>
          {t("intake.budget.hint")}
        </Text>
        <BudgetGrid
          years={props.years}
          money={props.money}
          invalid={moneyMessages.length > 0}
          onChange={props.onMoney}
        />
        <GroupMessages id="intake-money-messages" messages={moneyMessages} />
      </fieldset>
    </Section>
  );
});

export const CompetenceSection = memo(function CompetenceSection(props: {
  rows: readonly CompetenceRow[];
  onRows: (rows: CompetenceRow[]) => void;
  messages: Messages;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const found = messagesOf(props.messages, "competences");
  return (
    <Section id="intake-s-competences" title={t("intake.sections.competences")}>
      <fieldset
        id={fieldId("competences")}
        aria-describedby="intake-competences-hint intake-competences-messages"
        className={found.length > 0 ? `${styles.group} ${styles.groupInvalid}` : styles.group}
      >
        <legend className={styles.legend}>{t("intake.competences.legend")}</legend>
        <Text id="intake-competences-hint" className={styles.hint}>
          {t("intake.competences.hint")}
        </Text>
        <CompetenceRows rows={props.rows} invalid={found.length > 0} onChange={props.onRows} />
        <GroupMessages id="intake-competences-messages" messages={found} />
      </fieldset>
    </Section>
  );
});

export const DependencySection = memo(function DependencySection(props: {
  requires: readonly Ref<InitiativeId>[];
  excludes: readonly Ref<InitiativeId>[];
  messages: Messages;
  set: SetField;
}) {
  const { t } = useTranslation();
  const { messages, set } = props;
  return (
    <Section id="intake-s-dependencies" title={t("intake.sections.dependencies")}>
      {(["requires", "excludes"] as const).map((field) => (
        <Field
          key={field}
          label={t(`intake.dependencies.${field}`)}
          hint={t(`intake.dependencies.${field}Hint`)}
          {...fieldProps(messages, field)}
        >
          <InitiativePicker
            id={fieldId(field)}
            value={props[field]}
            invalid={messagesOf(messages, field).length > 0}
            listLabel={t(`intake.dependencies.${field}`)}
            onChange={(v) => set(field, v)}
          />
        </Field>
      ))}
    </Section>
  );
});
