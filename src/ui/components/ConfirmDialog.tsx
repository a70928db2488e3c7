/**
 * Asks before an irreversible action. The title names the action and the text carries the real
 * numbers the caller passes in ("3 tiltag flyttes til Parkeret"), so nobody confirms blind.
 * An alert dialog (role="alertdialog"): focus moves into it, starting on Cancel so a stray Enter
 * does nothing irreversible, stays inside while it is open, and goes back to the control that
 * opened it when it closes. While the action runs both buttons are disabled and the confirm
 * button says it is working; if it fails the dialog stays open with the error.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from "@fluentui/react-components";
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { Stack } from "./Stack.js";
import { StoreErrorMessage } from "./StoreErrorMessage.js";

export interface ConfirmDialogProps {
  open: boolean;
  /** The action as a question or a heading, e.g. "Slet 3 kladder?". */
  title: string;
  /** What will happen, with the numbers it concerns. */
  children: ReactNode;
  /** The confirm button's text: the action itself ("Slet 3 kladder"), not "OK". */
  confirmLabel: string;
  /** The cancel button's text (default "Cancel" in the UI language). */
  cancelLabel?: string;
  /** Runs the action; when it resolves the dialog asks to close, when it rejects it shows why. */
  onConfirm: () => unknown;
  /** The dialog asks to close: after Cancel or Escape (nothing done) or a confirmed action. */
  onClose: () => void;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  // Remember what had focus when the dialog opened (layout effects run before Fluent moves
  // focus), and give it focus back when the dialog closes, if focus is not elsewhere by then.
  useLayoutEffect(() => {
    if (open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return;
    }
    const back = opener.current;
    opener.current = null;
    const now = document.activeElement;
    const lost = !now || now === document.body || now.closest("[role='alertdialog']") !== null;
    if (back?.isConnected && lost) back.focus();
  }, [open]);

  // Fluent focuses the dialog's first focusable element (Cancel comes first for that); this
  // effect runs after the surface's own, so Cancel holds focus wherever Fluent put it.
  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (e: unknown) {
      setBusy(false);
      setFailure(e);
    }
  };

  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !busy) {
          setFailure(null);
          onClose();
        }
      }}
    >
      <DialogSurface aria-busy={busy}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <Stack gap="s">
              <div>{children}</div>
              {failure ? (
                <StoreErrorMessage error={failure} title={t("kit.confirm.failed")} />
              ) : null}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button
              ref={cancel}
              appearance="secondary"
              disabled={busy}
              onClick={() => {
                setFailure(null);
                onClose();
              }}
            >
              {cancelLabel ?? t("kit.confirm.cancel")}
            </Button>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => void confirm()}
              icon={busy ? <Spinner size="tiny" /> : undefined}
            >
              {busy ? t("kit.confirm.working") : confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
