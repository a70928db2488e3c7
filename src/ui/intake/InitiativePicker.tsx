/**
 * Picks other initiatives (dependencies: requires / excludes) by searching their titles
 * (`initiatives.list({ fields: ["title", "phase"], search })`, a narrow read however large the
 * portfolio). The chosen ones are listed under the search box, each with a button to remove it;
 * additions and removals are announced.
 */
import { Button, Combobox, makeStyles, Option, Text, tokens } from "@fluentui/react-components";
import { Dismiss16Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Ref } from "../../domain/common.js";
import type { InitiativeId } from "../../domain/ids.js";
import { useDebounced, useInitiativeSearch } from "../queries/intake.js";

/** How many matches the picker offers at a time. */
export const PICKER_LIMIT = 20;

const useStyles = makeStyles({
  chosen: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  chip: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    paddingLeft: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  status: {
    position: "absolute",
    left: "-10000px",
    width: "1px",
    height: "1px",
    overflow: "hidden",
  },
});

export interface InitiativePickerProps {
  id: string;
  value: readonly Ref<InitiativeId>[];
  onChange: (value: Ref<InitiativeId>[]) => void;
  invalid: boolean;
  /** Accessible name of the list of chosen initiatives. */
  listLabel: string;
}

export function InitiativePicker({
  id,
  value,
  onChange,
  invalid,
  listLabel,
}: InitiativePickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const search = useDebounced(text.trim());
  const enabled = search.length >= 2;
  const found = useInitiativeSearch(search, enabled, PICKER_LIMIT);
  const options = (found.data ?? []).filter((i) => !value.some((v) => v.id === i.id));

  const add = (idText: string) => {
    const picked = found.data?.find((i) => String(i.id) === idText);
    if (!picked) return;
    onChange([...value, { id: picked.id, title: picked.title }]);
    setAnnouncement(t("intake.dependencies.added", { title: picked.title }));
    setText("");
  };
  const remove = (r: Ref<InitiativeId>) => {
    onChange(value.filter((v) => v.id !== r.id));
    setAnnouncement(t("intake.dependencies.removed", { title: r.title }));
  };

  const info = (key: string) => (
    <Option disabled value="" text={t(key)}>
      {t(key)}
    </Option>
  );

  return (
    <>
      <Combobox
        id={id}
        freeform
        value={text}
        selectedOptions={[]}
        placeholder={t("intake.dependencies.placeholder")}
        open={open}
        onOpenChange={(_e, data) => setOpen(data.open)}
        onChange={(e) => {
          setText(e.target.value);
          // Open the list as the text changes, also when it was pasted rather than typed.
          setOpen(true);
        }}
        onOptionSelect={(_e, data) => {
          if (data.optionValue) add(data.optionValue);
        }}
        aria-invalid={invalid || undefined}
      >
        {!enabled
          ? info("intake.dependencies.typeMore")
          : found.isPending
            ? info("intake.dependencies.searching")
            : options.length === 0
              ? info("intake.dependencies.noMatches")
              : options.map((i) => {
                  const label = t("intake.dependencies.option", { title: i.title, phase: i.phase });
                  return (
                    <Option key={i.id} value={String(i.id)} text={label}>
                      {label}
                    </Option>
                  );
                })}
      </Combobox>
      {value.length === 0 ? (
        <Text size={200}>{t("intake.dependencies.none")}</Text>
      ) : (
        <ul className={styles.chosen} aria-label={listLabel}>
          {value.map((r) => (
            <li key={r.id} className={styles.chip}>
              <Text>{r.title}</Text>
              <Button
                appearance="subtle"
                size="small"
                icon={<Dismiss16Regular />}
                aria-label={t("intake.dependencies.remove", { title: r.title })}
                onClick={() => remove(r)}
              />
            </li>
          ))}
        </ul>
      )}
      <div role="status" className={styles.status}>
        {announcement}
      </div>
    </>
  );
}
