/**
 * What jsdom lacks: ResizeObserver (Fluent UI's MessageBar reflow, overflow menus) — a no-op
 * observer, since jsdom has no layout and nothing would ever resize; structuredClone (the
 * in-memory repositories copy with it) — node's own, through its serializer.
 */
import { deserialize, serialize } from "node:v8";

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;

if (typeof globalThis.structuredClone !== "function") {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value)) as T;
}
