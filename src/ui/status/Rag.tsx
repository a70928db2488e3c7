/**
 * Green / yellow / red, always with its word: the colour is a marker next to the text, never
 * the only carrier of meaning (colour-blind users, high contrast).
 */
import { Field, makeStyles, Radio, RadioGroup, tokens } from "@fluentui/react-components";

import { type Rag, RAGS } from "../../domain/vocabulary.js";
import { useStatusFormat } from "./useStatusReports.js";

const useStyles = makeStyles({
  word: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  dot: {
    display: "inline-block",
    width: "0.75em",
    height: "0.75em",
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    // High contrast: the forced colours replace the fill; the word still says it.
    forcedColorAdjust: "auto",
  },
  Grøn: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  Gul: { backgroundColor: tokens.colorPaletteYellowBackground3 },
  Rød: { backgroundColor: tokens.colorPaletteRedBackground3 },
  none: { backgroundColor: "transparent" },
});

/** A RAG word with its colour marker. */
export function RagWord({ rag }: { rag: Rag | null }) {
  const styles = useStyles();
  const { t } = useStatusFormat();
  return (
    <span className={styles.word}>
      <span aria-hidden="true" className={`${styles.dot} ${styles[rag ?? "none"]}`} />
      {t(`status.rag.${rag ?? "none"}`)}
    </span>
  );
}

/**
 * A field's error, without Fluent's per-field `role="alert"`: the form announces one summary
 * naming everything missing, rather than six alerts at once.
 */
export function fieldError(message: string | undefined) {
  return message
    ? {
        validationMessage: { children: message, role: undefined },
        validationState: "error" as const,
      }
    : {};
}

export interface RagRadioGroupProps {
  label: string;
  value: Rag | null;
  onChange: (rag: Rag) => void;
  disabled?: boolean;
  validationMessage?: string | undefined;
  required?: boolean;
}

/** A labelled radio group of the three ratings (arrow keys move between them). */
export function RagRadioGroup({
  label,
  value,
  onChange,
  disabled,
  validationMessage,
  required,
}: RagRadioGroupProps) {
  return (
    <Field label={label} required={required ?? false} {...fieldError(validationMessage)}>
      <RadioGroup
        layout="horizontal"
        value={value ?? ""}
        disabled={disabled ?? false}
        onChange={(_, data) => onChange(data.value as Rag)}
      >
        {RAGS.map((rag) => (
          <Radio key={rag} value={rag} label={<RagWord rag={rag} />} />
        ))}
      </RadioGroup>
    </Field>
  );
}
