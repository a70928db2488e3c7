/**
 * Small labelled inputs the initiative page's forms share: a date (kept as the stored ISO
 * value until the user changes it), a person found in the directory and made a site user,
 * and a choice among references.
 */
import {
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  type OptionOnSelectData,
} from "@fluentui/react-components";
import { useState } from "react";

import type { Person, Ref } from "../../domain/common.js";
import type { Brand } from "../../domain/ids.js";
import type { FieldProblem } from "../../domain/validation.js";
import { ProblemText } from "../components/ProblemMessage.js";
import { useEnsurePerson, usePeopleSearch } from "../queries/intake.js";
import { useInitiativeFormat } from "./useInitiative.js";

/** The problem the domain found in a field, as the Field's validation message. */
export function problemProps(problems: readonly FieldProblem[], field: string) {
  const p = problems.find((x) => x.field === field);
  return p
    ? { validationState: "error" as const, validationMessage: <ProblemText problem={p} /> }
    : {};
}

/** Everything the domain found, in words naming each field. */
export function ProblemList(props: { title: string; problems: readonly FieldProblem[] }) {
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        <ul>
          {props.problems.map((p, i) => (
            <li key={`${p.field}:${p.code}:${i}`}>
              <ProblemText problem={p} />
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

const dayInCopenhagen = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** `YYYY-MM-DD` of a stored instant, as the committee's calendar reads it. */
export function toDateInput(iso: string | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : dayInCopenhagen.format(new Date(t));
}

/** The stored form of a picked day: midnight UTC of that date. */
export function fromDateInput(day: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : null;
}

export function DateField(props: {
  label: string;
  value: string | null;
  onChange: (iso: string | null) => void;
  problems: readonly FieldProblem[];
  field: string;
}) {
  return (
    <Field label={props.label} {...problemProps(props.problems, props.field)}>
      <Input
        type="date"
        value={toDateInput(props.value)}
        onChange={(_e, d) => {
          // Unchanged day: keep the stored instant, so an untouched date is not rewritten.
          if (d.value !== toDateInput(props.value)) props.onChange(fromDateInput(d.value));
        }}
      />
    </Field>
  );
}

export function RefField<I extends Brand<number, string>>(props: {
  label: string;
  value: Ref<I> | null;
  options: readonly Ref<I>[];
  onChange: (ref: Ref<I> | null) => void;
  problems: readonly FieldProblem[];
  field: string;
}) {
  const { t } = useInitiativeFormat();
  const none = t("initiative.none");
  const options =
    props.value && !props.options.some((o) => o.id === props.value?.id)
      ? [props.value, ...props.options]
      : props.options;
  return (
    <Field label={props.label} {...problemProps(props.problems, props.field)}>
      <Dropdown
        value={props.value?.title ?? none}
        selectedOptions={[props.value ? String(props.value.id) : ""]}
        onOptionSelect={(_e, d: OptionOnSelectData) => {
          const picked = options.find((o) => String(o.id) === d.optionValue);
          props.onChange(picked ? { id: picked.id, title: picked.title } : null);
        }}
      >
        <Option value="">{none}</Option>
        {options.map((o) => (
          <Option key={o.id} value={String(o.id)}>
            {o.title}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/**
 * A person searched in the organisation's directory by name or e-mail, then ensured as a user
 * of the SharePoint-webstedet (lists refer to site users).
 */
export function PersonField(props: {
  label: string;
  value: Person | null;
  onChange: (person: Person | null) => void;
  problems: readonly FieldProblem[];
  field: string;
}) {
  const ensure = useEnsurePerson();
  const { t } = useInitiativeFormat();
  const [text, setText] = useState(props.value?.name ?? "");
  const [failed, setFailed] = useState(false);
  const search = text.trim();
  const found = usePeopleSearch(search, search.length >= 2 && search !== props.value?.name);
  const problem = problemProps(props.problems, props.field);
  return (
    <Field
      label={props.label}
      {...problem}
      {...(failed
        ? {
            validationState: "error" as const,
            validationMessage: t("initiative.form.personFailed"),
          }
        : {})}
      hint={t("initiative.form.personHint")}
    >
      <Combobox
        freeform
        clearable
        value={text}
        selectedOptions={props.value ? [props.value.email] : []}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === "") props.onChange(null);
        }}
        onOptionSelect={(_e, d) => {
          setFailed(false);
          if (!d.optionValue) {
            setText("");
            props.onChange(null);
            return;
          }
          const email = d.optionValue;
          setText(d.optionText ?? email);
          ensure.mutateAsync(email).then(
            (person) => props.onChange(person),
            () => setFailed(true),
          );
        }}
      >
        {(found.data ?? []).map((p) => (
          <Option key={p.email} value={p.email} text={p.name}>
            {`${p.name} (${p.email})`}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
