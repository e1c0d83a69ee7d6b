/**
 * Keyboard shortcuts of the design page and their help overlay (`?`). Keys
 * typed into a field (input, textarea, select, contenteditable) or with
 * Ctrl / Alt / Meta are left alone. Hooks: data-testid="shortcuts-help"
 * (the overlay, hidden until `?`), "shortcuts-button" (opens it).
 */
import { el } from './dom';

export interface ShortcutActions {
  togglePlay(): void;
  jumpStart(): void;
  /** One warp step up (+1) or down (−1). */
  warpStep(dir: 1 | -1): void;
  /** Follow the selected satellite with the camera, or stop following. */
  toggleFollow(): void;
  /** Followed view: inertial ↔ LVLH frame. */
  toggleFrame(): void;
  /** Stop following, else deselect. */
  escape(): void;
  toggleLegend(): void;
  toggleInspector(): void;
  toggleGroundTrack(): void;
  toggleFootprint(): void;
  /** Camera distance × factor. */
  zoom(factor: number): void;
}

/** The keys and what they do, as the help overlay lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ['Space'], what: 'Play / pause' },
  { keys: ['Home'], what: 'Jump to the start of the horizon' },
  { keys: ['[', ']'], what: 'Time warp down / up' },
  { keys: ['F'], what: 'Follow the selected satellite (fly to it; again: back to the Earth)' },
  { keys: ['V'], what: 'Followed view in the satellite’s LVLH frame (radial up) / inertial' },
  { keys: ['+', '−'], what: 'Zoom in / out (×2)' },
  { keys: ['Esc'], what: 'Stop following, else deselect; close this help' },
  { keys: ['G'], what: 'Ground track on / off' },
  { keys: ['C'], what: 'Coverage footprint on / off' },
  { keys: ['L'], what: 'Collapse / expand the legend' },
  { keys: ['I'], what: 'Collapse / expand the inspector' },
  { keys: ['?'], what: 'This help' },
];

function typingIn(t: EventTarget | null): boolean {
  const e = t as HTMLElement | null;
  if (!e || !e.tagName) return false;
  return e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || e.tagName === 'SELECT' || e.isContentEditable;
}

export class Shortcuts {
  readonly help: HTMLElement;
  readonly button: HTMLButtonElement;

  /** `bar`: where the '?' button goes (the time bar). */
  constructor(
    bar: HTMLElement,
    private readonly actions: ShortcutActions,
  ) {
    this.help = el('div', 'shortcuts-help');
    this.help.dataset.testid = 'shortcuts-help';
    this.help.setAttribute('role', 'dialog');
    this.help.setAttribute('aria-label', 'Keyboard shortcuts');
    this.help.hidden = true;
    const card = el('div', 'shortcuts-card');
    const head = el('div', 'shortcuts-head');
    const close = el('button', 'btn tiny', '✕');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.setHelp(false));
    head.append(el('div', 'overlay-title', 'Keyboard shortcuts'), close);
    const dl = el('dl', 'shortcuts-list');
    for (const s of SHORTCUTS) {
      const dt = el('dt');
      s.keys.forEach((k, i) => {
        if (i) dt.append(' ');
        dt.append(el('kbd', '', k));
      });
      dl.append(dt, el('dd', '', s.what));
    }
    const mouse = el('p', 'shortcuts-note', 'Mouse: drag to turn, wheel to zoom, right-drag to pan (not while following); click a satellite to select it, hover to name it.');
    card.append(head, dl, mouse);
    this.help.append(card);
    this.help.addEventListener('click', (e) => {
      if (e.target === this.help) this.setHelp(false);
    });
    document.body.append(this.help);

    this.button = el('button', 'btn icon shortcuts-button', '?');
    this.button.type = 'button';
    this.button.dataset.testid = 'shortcuts-button';
    this.button.title = 'Keyboard shortcuts (?)';
    this.button.setAttribute('aria-label', 'Keyboard shortcuts');
    this.button.addEventListener('click', () => this.setHelp(this.help.hidden !== false));
    bar.append(this.button);

    window.addEventListener('keydown', (e) => this.onKey(e));
  }

  setHelp(open: boolean): void {
    this.help.hidden = !open;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typingIn(e.target)) return;
    // An open dialog owns the keyboard: its Escape closes it (preventing the default here would keep it open).
    if (document.querySelector('dialog[open]')) return;
    const a = this.actions;
    const k = e.key;
    let handled = true;
    if (k === '?') this.setHelp(this.help.hidden !== false);
    else if (k === 'Escape') {
      if (this.help.hidden === false) this.setHelp(false);
      else a.escape();
    } else if (k === ' ' || k === 'Spacebar') a.togglePlay();
    else if (k === 'Home') a.jumpStart();
    else if (k === '[') a.warpStep(-1);
    else if (k === ']') a.warpStep(1);
    else if (k === 'f' || k === 'F') a.toggleFollow();
    else if (k === 'v' || k === 'V') a.toggleFrame();
    else if (k === 'l' || k === 'L') a.toggleLegend();
    else if (k === 'i' || k === 'I') a.toggleInspector();
    else if (k === 'g' || k === 'G') a.toggleGroundTrack();
    else if (k === 'c' || k === 'C') a.toggleFootprint();
    else if (k === '+' || k === '=') a.zoom(0.5);
    else if (k === '-' || k === '_') a.zoom(2);
    else handled = false;
    if (handled) e.preventDefault();
  }
}
