/** Element creation for the page's panels: text is set with textContent only (user text never becomes markup). */

/** A new `<tag>` with class `cls` and text `text` (both optional). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
