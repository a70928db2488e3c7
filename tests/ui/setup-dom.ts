/**
 * What jsdom lacks and Fluent UI components use: ResizeObserver (MessageBar's reflow, overflow
 * menus). A no-op observer: jsdom has no layout, so nothing would ever resize anyway.
 */
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
