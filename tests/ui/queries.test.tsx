/**
 * The UI's data seam: one query key per thing (the factory's keys nest, so invalidating a
 * feature reads all of it again) and one "who am I" read that every view shares, per identity.
 */
import { act, screen, waitFor } from "@testing-library/react";

import type { Me } from "../../src/domain/roles.js";
import { IdentityScope } from "../../src/ui/queries/identity.js";
import { queryKeys } from "../../src/ui/queries/keys.js";
import { useMe } from "../../src/ui/queries/useMe.js";
import { aMe, fakeServices, renderWithProviders } from "./support.js";

function Who({ label, fresh = false }: { label: string; fresh?: boolean }) {
  const me = useMe({ fresh });
  return <p>{`${label}: ${me.data?.person.name ?? "…"}`}</p>;
}

function counting(me: Me) {
  const calls = { count: 0 };
  const currentUser = {
    me: () => {
      calls.count += 1;
      return Promise.resolve(me);
    },
  };
  return { calls, services: fakeServices(currentUser) };
}

describe("useMe", () => {
  test("every view under one identity shares one read of who I am", async () => {
    const { calls, services } = counting(aMe("Mads Kjær", ["secretary"]));
    renderWithProviders(
      <>
        <Who label="Header" />
        <Who label="Portefølje" />
        <Who label="Dagsorden" />
      </>,
      { services },
    );
    await screen.findByText("Dagsorden: Mads Kjær");
    expect(screen.getByText("Header: Mads Kjær")).toBeTruthy();
    expect(calls.count).toBe(1);
  });

  test("another identity has its own entry, so a switch of user never shows the previous roles", async () => {
    const { calls, services } = counting(aMe("Mads Kjær", ["secretary"]));
    const { client } = renderWithProviders(
      <>
        <IdentityScope identity="mads@kommune.dk">
          <Who label="Mads" />
        </IdentityScope>
        <IdentityScope identity="birgitte@kommune.dk">
          <Who label="Birgitte" />
        </IdentityScope>
      </>,
      { services },
    );
    await screen.findByText("Birgitte: Mads Kjær");
    expect(calls.count).toBe(2);
    expect(client.getQueryData(queryKeys.me("mads@kommune.dk"))).toBeDefined();
    expect(client.getQueryData(queryKeys.me("birgitte@kommune.dk"))).toBeDefined();
  });

  test("a page that needs the roles as they are now reads again when it opens", async () => {
    const { calls, services } = counting(aMe("Mads Kjær", ["secretary"]));
    const { rerender } = renderWithProviders(<Who label="Header" />, { services });
    await screen.findByText("Header: Mads Kjær");
    rerender(
      <>
        <Who label="Header" />
        <Who label="Tiltag" fresh />
      </>,
    );
    await waitFor(() => expect(calls.count).toBe(2));
  });

  test("invalidating the me root reads again for every identity", async () => {
    const { calls, services } = counting(aMe("Mads Kjær", ["secretary"]));
    const { client } = renderWithProviders(<Who label="Header" />, { services });
    await screen.findByText("Header: Mads Kjær");
    await act(() => client.invalidateQueries({ queryKey: ["me"] }));
    expect(calls.count).toBe(2);
  });
});

describe("the query-key factory", () => {
  test("narrower keys start with the wider ones they belong to", () => {
    const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
      prefix.every((part, i) => key[i] === part);
    expect(startsWith(queryKeys.meeting(12), queryKeys.meetings())).toBe(true);
    expect(startsWith(queryKeys.minutes(12), queryKeys.meeting(12))).toBe(true);
    expect(startsWith(queryKeys.agenda(12), queryKeys.meeting(12))).toBe(true);
    expect(startsWith(queryKeys.initiative(7), queryKeys.initiatives())).toBe(true);
    expect(startsWith(queryKeys.intakeDraft(3), queryKeys.intake())).toBe(true);
    expect(startsWith(queryKeys.importBasis(), queryKeys.import())).toBe(true);
    expect(startsWith(queryKeys.round(4), queryKeys.rounds())).toBe(true);
  });

  test("each feature has its own root", () => {
    const roots = [
      queryKeys.me("x")[0],
      queryKeys.dashboard()[0],
      queryKeys.portfolio()[0],
      queryKeys.initiatives()[0],
      queryKeys.intake()[0],
      queryKeys.import()[0],
      queryKeys.statusReports()[0],
      queryKeys.meetings()[0],
      queryKeys.ahp()[0],
      queryKeys.rounds()[0],
      queryKeys.scenarios()[0],
    ];
    expect(new Set(roots).size).toBe(roots.length);
  });
});
