/**
 * The comment thread on the initiative page: adding a comment and a reply (shown under the
 * comment it answers, newest last, with author and time), editing one's own (marked
 * "redigeret" with the time), deleting (soft: "Kommentaren er slettet", replies stay), the
 * secretary deleting anyone's, and user text rendered inert (no element made from it).
 */
import { act, fireEvent, screen, within } from "@testing-library/react";

import { type CommentId, idOf } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import { aComment, aRef } from "../support/builders.js";
import {
  aUser,
  jonas,
  mads,
  maja,
  renderInitiative,
  seededRepositories,
  text,
} from "./initiative-support.js";

const cid = (n: number) => idOf<CommentId>(n);

function setup(me: Me) {
  const { memory, repositories } = seededRepositories(() => me);
  memory.comments.seed(
    {
      ...aComment({
        title: "Foreningerne",
        initiative: aRef(1),
        body: "Kan foreningerne komme med i første fase?",
      }),
      id: cid(1),
      createdBy: maja,
      created: "2026-02-01T08:00:00Z",
    },
    {
      ...aComment({ title: "Andet tiltag", initiative: aRef(2), body: "Ikke dette tiltag" }),
      id: cid(2),
      createdBy: maja,
      created: "2026-02-01T09:00:00Z",
    },
  );
  renderInitiative({ me, repositories });
  return memory;
}

/** The thread's list (role queries over the whole page are slow in jsdom: look in the region). */
async function thread() {
  const region = await screen.findByRole("region", { name: "Kommentarer" }, { timeout: 5000 });
  return within(region).findByRole("list", { name: "Kommentarer" }, { timeout: 5000 });
}

function commentBy(container: HTMLElement, name: string) {
  return within(container).getAllByRole("article", { name });
}

async function write(
  label: string,
  value: string,
  button: string,
  scope: HTMLElement = document.body,
) {
  fireEvent.change(within(scope).getByRole("textbox", { name: label }), {
    target: { value },
  });
  await act(() =>
    Promise.resolve(fireEvent.click(within(scope).getByRole("button", { name: button }))),
  );
}

describe("the comment thread", () => {
  it("shows the initiative's comments with author and time, and nothing from other initiatives", async () => {
    setup(aUser(jonas, "member"));
    const list = await thread();
    const [c] = commentBy(list, "Kommentar fra Maja Lundgaard");
    expect(text(c!)).toContain("Maja Lundgaard");
    expect(text(c!)).toContain("1. februar 2026 kl. 09.00");
    expect(text(c!)).toContain("Kan foreningerne komme med i første fase?");
    expect(text(list)).not.toContain("Ikke dette tiltag");
  });

  it("adds a comment (newest last) and a reply shown under the comment it answers", async () => {
    const memory = setup(aUser(jonas, "member"));
    await thread();
    await write("Ny kommentar", "Vi bør spørge KL først.", "Tilføj kommentar");
    expect(await screen.findByText("Kommentaren er tilføjet.")).toBeTruthy();
    let list = await thread();
    await within(list).findByText("Vi bør spørge KL først.");
    const top = within(list)
      .getAllByRole("article")
      .map((a) => a.getAttribute("aria-label"));
    expect(top).toEqual(["Kommentar fra Maja Lundgaard", "Kommentar fra Jonas Lind"]);
    expect(memory.comments.all().find((c) => c.body === "Vi bør spørge KL først.")).toMatchObject({
      title: "Vi bør spørge KL først.",
      initiative: { id: cid(1), title: "Digital pladsanvisning" },
      replyTo: null,
      deleted: false,
      editedAt: null,
    });

    const [maja1] = commentBy(list, "Kommentar fra Maja Lundgaard");
    fireEvent.click(within(maja1!).getByRole("button", { name: "Svar" }));
    await write("Svar til Maja Lundgaard", "Ja, i fase 2.", "Send svar", maja1);
    list = await thread();
    const replies = await within(list).findByRole("list", {
      name: "Svar på kommentaren fra Maja Lundgaard",
    });
    expect(text(within(replies).getByRole("article", { name: "Svar fra Jonas Lind" }))).toContain(
      "Ja, i fase 2.",
    );
    expect(memory.comments.all().find((c) => c.body === "Ja, i fase 2.")).toMatchObject({
      replyTo: { id: cid(1), title: "Foreningerne" },
      title: "Svar: Foreningerne",
    });
  });

  it("edits my own comment and marks it as edited with the time; others' cannot be edited", async () => {
    const me = aUser(jonas, "member");
    const { memory, repositories } = seededRepositories(() => me);
    memory.comments.seed(
      { ...aComment({ initiative: aRef(1), body: "Første udgave" }), id: cid(5), createdBy: jonas },
      { ...aComment({ initiative: aRef(1), body: "Majas tekst" }), id: cid(6), createdBy: maja },
    );
    renderInitiative({ me, repositories });
    const list = await thread();
    const [mine] = commentBy(list, "Kommentar fra Jonas Lind");
    const [hers] = commentBy(list, "Kommentar fra Maja Lundgaard");
    expect(within(hers!).queryByRole("button", { name: "Redigér" })).toBeNull();
    expect(within(hers!).queryByRole("button", { name: "Slet" })).toBeNull();
    fireEvent.click(within(mine!).getByRole("button", { name: "Redigér" }));
    await write("Redigér kommentar", "Anden udgave", "Gem", mine);
    await screen.findByText("Kommentaren er gemt.");
    const [edited] = commentBy(await thread(), "Kommentar fra Jonas Lind");
    await within(edited!).findByText("Anden udgave");
    expect(text(edited!)).toContain("redigeret 2. marts 2026 kl. 10.00");
    expect(memory.comments.all().find((c) => c.id === 5)).toMatchObject({
      body: "Anden udgave",
      editedAt: "2026-03-02T09:00:00.000Z",
    });
  });

  it("deletes my own comment softly: it says so, and the reply under it stays", async () => {
    const me = aUser(jonas, "member");
    const { memory, repositories } = seededRepositories(() => me);
    memory.comments.seed(
      {
        ...aComment({ initiative: aRef(1), body: "Skal slettes" }),
        id: cid(5),
        createdBy: jonas,
        created: "2026-02-01T08:00:00Z",
      },
      {
        ...aComment({ initiative: aRef(1), body: "Et svar", replyTo: aRef(5, "Spørgsmål") }),
        id: cid(6),
        createdBy: maja,
        created: "2026-02-02T08:00:00Z",
      },
    );
    renderInitiative({ me, repositories });
    const list = await thread();
    const [mine] = commentBy(list, "Kommentar fra Jonas Lind");
    fireEvent.click(within(mine!).getByRole("button", { name: "Slet" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Slet kommentaren?" });
    await act(() =>
      Promise.resolve(fireEvent.click(within(dialog).getByRole("button", { name: "Slet" }))),
    );
    await screen.findByText("Du har slettet kommentaren.");
    const after = await thread();
    const [gone] = commentBy(after, "Kommentar fra Jonas Lind");
    await within(gone!).findByText("Kommentaren er slettet");
    expect(text(gone!)).not.toContain("Skal slettes");
    expect(within(gone!).queryByRole("button")).toBeNull();
    expect(text(within(after).getByRole("article", { name: "Svar fra Maja Lundgaard" }))).toContain(
      "Et svar",
    );
    expect(memory.comments.all().find((c) => c.id === 5)).toMatchObject({
      deleted: true,
      body: "",
    });
    expect(memory.comments.all()).toHaveLength(2);
  });

  it("lets the secretary delete anyone's comment but not edit it", async () => {
    const memory = setup(aUser(mads, "secretary"));
    const [hers] = commentBy(await thread(), "Kommentar fra Maja Lundgaard");
    expect(within(hers!).queryByRole("button", { name: "Redigér" })).toBeNull();
    fireEvent.click(within(hers!).getByRole("button", { name: "Slet" }));
    const dialog = await screen.findByRole("alertdialog");
    await act(() =>
      Promise.resolve(fireEvent.click(within(dialog).getByRole("button", { name: "Slet" }))),
    );
    await screen.findByText("Kommentaren er slettet");
    expect(memory.comments.all().find((c) => c.id === 1)?.deleted).toBe(true);
  });

  it("renders typed markup as inert text: no element is created from it", async () => {
    const memory = setup(aUser(jonas, "member"));
    await thread();
    const typed = '<img src=x onerror=alert(1)> og <script>alert("x")</script>';
    await write("Ny kommentar", typed, "Tilføj kommentar");
    const list = await thread();
    const shown = await within(list).findByText(typed);
    expect(shown.textContent).toBe(typed);
    expect(shown.children).toHaveLength(0);
    expect(document.querySelector("img[src='x']")).toBeNull();
    expect(list.querySelector("img, script")).toBeNull();
    expect(getComputedStyle(shown).whiteSpace).toBe("pre-wrap");
    expect(memory.comments.all().some((c) => c.body === typed)).toBe(true);
  });

  it("shows comments to a site owner outside the committee without a form to write", async () => {
    setup(aUser(jonas, "owner"));
    await thread();
    expect(screen.queryByRole("textbox", { name: "Ny kommentar" })).toBeNull();
    expect(screen.getByText(/Kun styregruppens medlemmer/)).toBeTruthy();
  });
});
