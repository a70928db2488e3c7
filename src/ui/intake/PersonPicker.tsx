/**
 * The owner picker: searches the organisation's directory as the user types
 * (`directory.findPeople`), and the chosen person is made a user of the SharePoint site
 * (`people.ensure`) so the list can refer to them. A Fluent Combobox: typing filters, arrow keys
 * move through the people found, Enter chooses.
 */
import { Combobox, Option, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Person } from "../../domain/common.js";
import { useDebounced, useEnsurePerson, usePeopleSearch } from "../queries/intake.js";

export interface PersonPickerProps {
  id: string;
  value: Person | null;
  onChange: (person: Person) => void;
  onError: (error: unknown) => void;
  invalid: boolean;
}

export function PersonPicker({ id, value, onChange, onError, invalid }: PersonPickerProps) {
  const { t } = useTranslation();
  const ensure = useEnsurePerson();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(value?.name ?? "");
  const [ensuring, setEnsuring] = useState<string | null>(null);
  const search = useDebounced(text.trim());
  const searching = search.length >= 2 && search !== value?.name;
  const found = usePeopleSearch(search, searching);

  const choose = async (email: string) => {
    const person = found.data?.find((p) => p.email === email);
    if (!person) return;
    setText(person.name);
    setEnsuring(person.name);
    try {
      onChange(await ensure.mutateAsync(person.email));
    } catch (e) {
      onError(e);
    } finally {
      setEnsuring(null);
    }
  };

  return (
    <>
      <Combobox
        id={id}
        freeform
        value={text}
        selectedOptions={value ? [value.email] : []}
        open={open}
        onOpenChange={(_e, data) => setOpen(data.open)}
        onChange={(e) => {
          setText(e.target.value);
          // Open the list as the text changes, also when it was pasted rather than typed.
          setOpen(true);
        }}
        onOptionSelect={(_e, data) => {
          if (data.optionValue) void choose(data.optionValue);
        }}
        onBlur={() => {
          // Typing without choosing does not change the owner: show the chosen one again.
          if (!ensuring && value && text !== value.name) setText(value.name);
        }}
        aria-invalid={invalid || undefined}
      >
        {!searching ? null : found.isPending ? (
          <Option disabled value="" text={t("intake.fields.ownerSearching")}>
            {t("intake.fields.ownerSearching")}
          </Option>
        ) : (found.data ?? []).length === 0 ? (
          <Option disabled value="" text={t("intake.fields.ownerNone")}>
            {t("intake.fields.ownerNone")}
          </Option>
        ) : (
          (found.data ?? []).map((p) => (
            <Option key={p.directoryId} value={p.email} text={p.name}>
              {p.department ? `${p.name} (${p.email}, ${p.department})` : `${p.name} (${p.email})`}
            </Option>
          ))
        )}
      </Combobox>
      {ensuring ? (
        <Spinner size="extra-tiny" label={t("intake.fields.ownerEnsuring", { name: ensuring })} />
      ) : null}
    </>
  );
}
