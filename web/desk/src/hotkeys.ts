// Keyboard shortcuts of the current view, e.g. {"Ctrl+Enter": confirm, "Alt+O": override}.
export type Hotkeys = Record<string, () => void>;
let active: Hotkeys = {};
let global: Hotkeys = {};

export function setViewHotkeys(keys: Hotkeys): void {
  active = keys;
}
export function setGlobalHotkeys(keys: Hotkeys): void {
  global = keys;
}

function keyName(e: KeyboardEvent): string {
  let key = e.key;
  if (e.code.startsWith("Key")) key = e.code.slice(3);
  else if (e.code.startsWith("Digit")) key = e.code.slice(5);
  return `${e.ctrlKey ? "Ctrl+" : ""}${e.altKey ? "Alt+" : ""}${e.shiftKey ? "Shift+" : ""}${key}`;
}

document.addEventListener("keydown", (e) => {
  const name = keyName(e);
  const action = active[name] ?? global[name];
  if (action) {
    e.preventDefault();
    action();
  }
});
