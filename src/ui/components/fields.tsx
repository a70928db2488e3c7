/**
 * Form fields: a label, an optional hint, the error message and, for text with a maximum
 * length, a character counter, all wired to the control by Fluent's Field (the hint, counter
 * and error are in the control's aria-describedby, aria-invalid is set with an error, and the
 * label names the control). Text longer than the maximum is not cut: the counter says how much
 * too long it is and the field shows as invalid, so pasted text is never lost.
 */
import {
  Field,
  type FieldProps,
  Input,
  type InputProps,
  makeStyles,
  mergeClasses,
  Textarea,
  type TextareaProps,
  tokens,
} from "@fluentui/react-components";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  hint: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM },
  counter: { marginInlineStart: "auto", fontVariantNumeric: "tabular-nums" },
  over: { color: tokens.colorPaletteRedForeground1 },
});

export interface FormFieldProps {
  label: string;
  /** A sentence under the label that helps fill it in. */
  hint?: string | ReactElement;
  /** The problem with the value, already in the UI language; shows the field as invalid. */
  error?: string | undefined;
  required?: boolean;
  /** Shows the field as invalid without a message of its own (the hint says why). */
  invalid?: boolean;
  className?: string;
  /** A Fluent control (Input, Select, Combobox, …); Field wires its id, label and descriptions. */
  children: ReactElement;
}

/** Any Fluent control with a label, hint and error message. */
export function FormField({
  label,
  hint,
  error,
  required,
  invalid,
  className,
  children,
}: FormFieldProps) {
  const props: FieldProps = {
    label,
    ...(hint ? { hint } : {}),
    ...(error ? { validationMessage: error } : {}),
    ...(error || invalid ? { validationState: "error" as const } : {}),
    ...(required ? { required } : {}),
    ...(className ? { className } : {}),
  };
  return <Field {...props}>{children}</Field>;
}

/**
 * The counter's text and whether the value is too long. Characters are counted as the domain's
 * limits and SharePoint count them (UTF-16 code units: an emoji is two), so a value the counter
 * accepts is never refused on save.
 */
export function characterCount(value: string, maxLength: number | undefined) {
  const count = value.length;
  return { count, over: maxLength === undefined ? 0 : Math.max(0, count - maxLength) };
}

/**
 * The character counter on its own, for a form that lays out its Fluent Field itself: "12 af
 * 255 tegn", or how many too many (in red). Put it in the Field's hint.
 */
export function CharacterCount({ value, maxLength }: { value: string; maxLength: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { count, over } = characterCount(value, maxLength);
  return (
    <span className={mergeClasses(styles.counter, over > 0 ? styles.over : undefined)}>
      {over > 0
        ? t("kit.field.over", { count: over, max: maxLength })
        : t("kit.field.counter", { count, max: maxLength })}
    </span>
  );
}

/** A hint with a counter after it, laid out as TextField lays out its own. */
export function HintWithCount(props: {
  hint?: string | ReactElement | undefined;
  value: string;
  maxLength: number;
}) {
  const styles = useStyles();
  return (
    <span className={styles.hint}>
      {props.hint ? <span>{props.hint}</span> : null}
      <CharacterCount value={props.value} maxLength={props.maxLength} />
    </span>
  );
}

interface TextFieldBase {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | ReactElement;
  error?: string | undefined;
  required?: boolean;
  /** The longest value allowed, in characters; shows a counter. */
  maxLength?: number;
  className?: string;
}

export type TextFieldProps = TextFieldBase &
  (
    | ({ multiline?: false } & Omit<InputProps, "value" | "onChange" | "maxLength" | "required">)
    | ({ multiline: true } & Omit<TextareaProps, "value" | "onChange" | "maxLength" | "required">)
  );

/** A one-line (Input) or several-line (Textarea) text field. */
export function TextField(props: TextFieldProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { label, value, onChange, hint, error, required, maxLength, className, ...control } = props;
  const { count, over } = characterCount(value, maxLength);
  const counter =
    maxLength === undefined ? null : (
      <span className={mergeClasses(styles.counter, over > 0 ? styles.over : undefined)}>
        {over > 0
          ? t("kit.field.over", { count: over, max: maxLength })
          : t("kit.field.counter", { count, max: maxLength })}
      </span>
    );
  const description =
    hint || counter ? (
      <span className={styles.hint}>
        {hint ? <span>{hint}</span> : null}
        {counter}
      </span>
    ) : undefined;
  let input: ReactElement;
  if (control.multiline) {
    const { multiline: _multiline, ...rest } = control;
    input = (
      <Textarea
        {...rest}
        value={value}
        onChange={(_, data) => onChange(data.value)}
        resize={rest.resize ?? "vertical"}
      />
    );
  } else {
    const { multiline: _multiline, ...rest } = control;
    input = <Input {...rest} value={value} onChange={(_, data) => onChange(data.value)} />;
  }
  return (
    <FormField
      label={label}
      hint={description}
      error={error}
      invalid={over > 0}
      {...(required ? { required } : {})}
      {...(className ? { className } : {})}
    >
      {input}
    </FormField>
  );
}
