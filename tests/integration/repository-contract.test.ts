/**
 * One contract, two repositories: the behaviours of the generic `Repository` port
 * (tests/support/repository-contract.ts) hold for the in-memory fake the UI tests run on and for
 * the SharePoint repository on the local Microsoft 365, as the secretary.
 */
import { jest } from "@jest/globals";

import type { AreaId } from "../../src/domain/ids.js";
import { anArea, aPerson } from "../support/builders.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import {
  CONTRACT_AREAS,
  type ContractSubject,
  repositoryContract,
} from "../support/repository-contract.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 120_000;

describe("the repository contract: MemoryRepository", () => {
  let subject: ContractSubject;

  beforeAll(async () => {
    const { repositories } = memoryRepositories(() => aPerson());
    const areas: { id: AreaId; title: string }[] = [];
    for (const title of CONTRACT_AREAS) {
      const a = await repositories.areas.add(anArea({ title, abbreviation: title }));
      areas.push({ id: a.id, title: a.title });
    }
    subject = { repo: repositories.initiatives, areas };
  });

  repositoryContract(() => subject);
});

describe("the repository contract: SharePoint on the local Microsoft 365", () => {
  let sp: ProvisionedSp;
  let subject: ContractSubject;

  beforeAll(async () => {
    sp = await startProvisionedSp();
    const { repositories } = sp.adaptersFor(sp.users.secretary);
    const areas: { id: AreaId; title: string }[] = [];
    for (const title of CONTRACT_AREAS) {
      const a = await repositories.areas.add(anArea({ title, abbreviation: title }));
      areas.push({ id: a.id, title: a.title });
    }
    subject = {
      repo: repositories.initiatives,
      areas,
      requestsDuring: async (fn) => {
        const spy = jest.spyOn(globalThis, "fetch");
        try {
          await fn();
          return spy.mock.calls.length;
        } finally {
          spy.mockRestore();
        }
      },
    };
  }, SLOW);

  afterAll(async () => {
    await sp?.close();
  });

  repositoryContract(() => subject);
});
