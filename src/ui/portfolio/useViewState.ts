/**
 * The portfolio page's current view (filters, sort, columns, table/board) and the user's saved
 * views (PersonalItems of kind "Visning"). The current view and which saved view it came from
 * are kept in this browser's localStorage per user, so a reload of the tab shows the same view.
 * A stored view that cannot be read never breaks the page: it is reported and ignored.
 */
import { useCallback, useEffect, useState } from "react";

import type { PersonalItemId } from "../../domain/ids.js";
import type { PersonalItem } from "../../domain/personal.js";
import {
  DEFAULT_VIEW_STATE,
  parseViewState,
  serializeViewState,
  type ViewState,
} from "../../domain/portfolio-view.js";
import {
  useAddSavedView,
  useOverwriteSavedView,
  useRemoveSavedView,
  useSavedViews,
} from "../queries/portfolio.js";

/** The localStorage key of a user's current portfolio view. */
export function storageKey(personId: number): string {
  return `digistyr.portefolje.visning.${personId}`;
}

interface Stored {
  viewId: PersonalItemId | null;
  state: ViewState;
}

function readStored(personId: number): Stored {
  try {
    const raw = window.localStorage.getItem(storageKey(personId));
    if (raw === null) return { viewId: null, state: DEFAULT_VIEW_STATE };
    const data = JSON.parse(raw) as { viewId?: unknown; payload?: unknown };
    const parsed = parseViewState(typeof data.payload === "string" ? data.payload : "");
    const viewId =
      typeof data.viewId === "number" && Number.isInteger(data.viewId)
        ? (data.viewId as PersonalItemId)
        : null;
    return parsed.ok
      ? { viewId, state: parsed.state }
      : { viewId: null, state: DEFAULT_VIEW_STATE };
  } catch {
    // Storage blocked (a locked-down browser) or broken: start from the default view.
    return { viewId: null, state: DEFAULT_VIEW_STATE };
  }
}

function writeStored(personId: number, stored: Stored): void {
  try {
    window.localStorage.setItem(
      storageKey(personId),
      JSON.stringify({ viewId: stored.viewId, payload: serializeViewState(stored.state) }),
    );
  } catch {
    // Not kept across reloads then; the page still works.
  }
}

export type ViewNotice =
  | { kind: "saved" | "applied" | "deleted"; name: string }
  | { kind: "unreadable"; name: string }
  | { kind: "partly"; name: string; parts: string[] };

export function useViewState(personId: number) {
  const [stored, setStored] = useState<Stored>(() => readStored(personId));
  const [notice, setNotice] = useState<ViewNotice | null>(null);

  useEffect(() => writeStored(personId, stored), [personId, stored]);

  const views = useSavedViews(personId);
  const adding = useAddSavedView();
  const overwriting = useOverwriteSavedView();
  const removing = useRemoveSavedView();

  const update = useCallback((change: Partial<ViewState>) => {
    setStored((s) => ({ ...s, state: { ...s.state, ...change } }));
  }, []);

  const apply = useCallback((item: PersonalItem) => {
    const parsed = parseViewState(item.payload);
    if (!parsed.ok) {
      setNotice({ kind: "unreadable", name: item.title });
      return;
    }
    setStored({ viewId: item.id, state: parsed.state });
    setNotice(
      parsed.dropped.length > 0
        ? { kind: "partly", name: item.title, parts: parsed.dropped }
        : { kind: "applied", name: item.title },
    );
  }, []);

  const saveAs = {
    ...adding,
    mutate: (name: string) =>
      adding.mutate(
        { name, state: stored.state },
        {
          onSuccess: (item) => {
            setStored((s) => ({ ...s, viewId: item.id }));
            setNotice({ kind: "saved", name: item.title });
          },
        },
      ),
  };

  const overwrite = {
    ...overwriting,
    mutate: (item: PersonalItem) =>
      overwriting.mutate(
        { item, state: stored.state },
        { onSuccess: (saved) => setNotice({ kind: "saved", name: saved.title }) },
      ),
  };

  const remove = {
    ...removing,
    mutate: (item: PersonalItem) =>
      removing.mutate(item, {
        onSuccess: (gone) => {
          setStored((s) => (s.viewId === gone.id ? { ...s, viewId: null } : s));
          setNotice({ kind: "deleted", name: gone.title });
        },
      }),
  };

  return {
    state: stored.state,
    activeViewId: stored.viewId,
    update,
    apply,
    views,
    saveAs,
    overwrite,
    remove,
    notice,
  };
}
