/**
 * Messages in a fixed layer at the bottom right of the window (toasts), above
 * every panel and never clipped by a panel's scroll box: notices, warnings
 * and errors, each with a dismiss button and optionally an action. Errors stay
 * until dismissed; notices and warnings leave after their timeout (paused
 * while the pointer is over them). Panels that already own a message element
 * (the design list's load error, element-set age warning and share box) hand
 * it over with adopt(): it keeps its hooks and is shown as a toast whenever
 * it is not hidden. Text is set with textContent only.
 *
 * Hooks: data-testid="toasts" (the layer), "toast" (each message, with
 * data-kind), "toast-dismiss", "toast-action".
 */
import { el } from './dom';
import './toasts.css';

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface ToastOptions {
  kind?: ToastKind;
  /** Removed after this many ms (0: stays until dismissed). Default: errors 0, warnings 12 s, others 6 s. */
  timeoutMs?: number;
  /** A button beside the message; the toast closes after it runs. */
  action?: { label: string; run: () => void };
  /** A toast with the same key replaces the previous one (no stack of repeats). */
  key?: string;
}

export interface ToastHandle {
  readonly element: HTMLElement;
  dismiss(): void;
}

const DEFAULT_TIMEOUT_MS: Record<ToastKind, number> = { error: 0, warning: 12_000, info: 6_000, success: 6_000 };
/** At most this many toasts at once: the oldest goes first. */
const MAX_TOASTS = 6;

let layer: HTMLElement | undefined;
const byKey = new Map<string, ToastHandle>();

/** The fixed layer (created on first use, the last child of <body>). */
export function toastLayer(): HTMLElement {
  if (layer && layer.isConnected) return layer;
  layer = el('div', 'toasts');
  layer.dataset.testid = 'toasts';
  layer.setAttribute('aria-live', 'polite');
  document.body.append(layer);
  return layer;
}

function shell(kind: ToastKind): { box: HTMLElement; body: HTMLElement; close: HTMLButtonElement } {
  const box = el('div', `toast ${kind}`);
  box.dataset.testid = 'toast';
  box.dataset.kind = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const body = el('div', 'toast-body');
  const close = el('button', 'toast-close', '✕');
  close.type = 'button';
  close.title = 'Dismiss';
  close.setAttribute('aria-label', 'Dismiss message');
  close.dataset.testid = 'toast-dismiss';
  box.append(body, close);
  return { box, body, close };
}

/** Shows `message` as a toast; returns a handle to dismiss it early. */
export function toast(message: string, options: ToastOptions = {}): ToastHandle {
  const kind = options.kind ?? 'info';
  if (options.key) byKey.get(options.key)?.dismiss();
  const { box, body, close } = shell(kind);
  body.textContent = message;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handle: ToastHandle = {
    element: box,
    dismiss() {
      if (timer !== undefined) clearTimeout(timer);
      box.remove();
      if (options.key && byKey.get(options.key) === handle) byKey.delete(options.key);
    },
  };
  close.addEventListener('click', () => handle.dismiss());
  if (options.action) {
    const a = el('button', 'btn tiny toast-action', options.action.label);
    a.type = 'button';
    a.dataset.testid = 'toast-action';
    const run = options.action.run;
    a.addEventListener('click', () => {
      handle.dismiss();
      run();
    });
    box.insertBefore(a, close);
  }
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[kind];
  const arm = () => {
    if (timeout > 0) timer = setTimeout(() => handle.dismiss(), timeout);
  };
  box.addEventListener('pointerenter', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  });
  box.addEventListener('pointerleave', arm);
  arm();
  const l = toastLayer();
  l.append(box);
  const own = [...l.children].filter((c) => !c.classList.contains('adopted'));
  if (own.length > MAX_TOASTS) own[0].remove();
  if (options.key) byKey.set(options.key, handle);
  return handle;
}

export interface AdoptOptions {
  kind: ToastKind;
  /** Add a dismiss button that hides the element (false when it has its own close button). */
  dismiss?: boolean;
}

/**
 * Moves `element` (a panel's message element, shown and hidden by its owner
 * through the `hidden` attribute) into the toast layer: it is shown as a toast
 * while it is not hidden. Dismissing hides it until its owner hides and
 * shows it again or changes its text.
 */
export function adopt(element: HTMLElement, options: AdoptOptions): void {
  const { box, body, close } = shell(options.kind);
  box.classList.add('adopted');
  // The element keeps its own role and test hook; the shell is only the frame.
  box.removeAttribute('role');
  delete box.dataset.testid;
  box.dataset.adopted = element.dataset.testid ?? element.className;
  body.append(element);
  let dismissedText: string | null = null;
  if (options.dismiss === false) close.remove();
  else {
    close.addEventListener('click', () => {
      dismissedText = element.textContent;
      box.hidden = true;
    });
  }
  const sync = () => {
    box.hidden = element.hidden || (dismissedText !== null && element.textContent === dismissedText);
  };
  new MutationObserver((records) => {
    // The owner hid or showed it again: a dismissal holds only until then.
    if (records.some((r) => r.type === 'attributes')) dismissedText = null;
    sync();
  }).observe(element, { attributes: true, attributeFilter: ['hidden'], childList: true, characterData: true, subtree: true });
  sync();
  toastLayer().prepend(box);
}

/** Adopts the design list's message elements (load error, element-set age warning, share box) found under `root`. */
export function adoptListMessages(root: HTMLElement): void {
  const loadError = root.querySelector<HTMLElement>('[data-testid="load-error"]');
  const epoch = root.querySelector<HTMLElement>('[data-testid="epoch-warning"]');
  const share = root.querySelector<HTMLElement>('.share-box');
  if (share) adopt(share, { kind: 'info', dismiss: false });
  if (epoch) adopt(epoch, { kind: 'warning' });
  if (loadError) adopt(loadError, { kind: 'error' });
}
