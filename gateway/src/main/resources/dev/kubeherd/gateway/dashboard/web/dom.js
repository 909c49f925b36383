// Small DOM and formatting helpers shared by the views.

/** An element with attributes (on* keys become listeners) and children (strings or nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function phaseBadge(phase) {
  return h('span', { class: `phase ${phase}`, 'data-phase': phase }, phase);
}

export const TERMINAL = new Set(['Succeeded', 'Failed']);

/** "1.2 s", "3 min 4 s", "1 h 2 min"; "" when unknown. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Time since a start for something still running. */
export function running(startedAt) {
  return startedAt ? duration(Date.now() - Date.parse(startedAt)) : '';
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}
