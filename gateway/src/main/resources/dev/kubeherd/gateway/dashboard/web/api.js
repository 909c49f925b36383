// The dashboard's calls to the read API (/api/v1) and the token for rerun and cancel.

const BASE = '/api/v1';
const TOKEN_KEY = 'kubeherd.token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) {
    throw new ApiError(response.status, (body && (body.error || body.status)) || `HTTP ${response.status}`);
  }
  return body;
}

export async function get(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null));
  const url = BASE + path + (query.size ? `?${query}` : '');
  return answer(await fetch(url, { headers: { Accept: 'application/json' } }));
}

/** A live log as server-sent events: onLine(text) for each line, onEnd(data) once at the end. */
export function follow(path, onLine, onEnd) {
  const source = new EventSource(BASE + path);
  source.addEventListener('line', (e) => onLine(e.data));
  source.addEventListener('end', (e) => {
    source.close();
    onEnd(JSON.parse(e.data));
  });
  return source;
}

/** POSTs with the token, asking for it first (and again after a 401). */
export async function act(path) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = sessionStorage.getItem(TOKEN_KEY) || (await askToken());
    if (!token) throw new ApiError(0, 'no token given');
    const response = await fetch(BASE + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      continue;
    }
    if (response.status < 500 && response.status !== 403) sessionStorage.setItem(TOKEN_KEY, token);
    return answer(response);
  }
  throw new ApiError(401, 'wrong token');
}

function askToken() {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  const ok = document.getElementById('token-ok');
  const cancel = document.getElementById('token-cancel');
  input.value = '';
  return new Promise((resolve) => {
    const onOk = () => done(input.value.trim());
    const onCancel = () => done('');
    const onKey = (e) => { if (e.key === 'Enter') onOk(); };
    const done = (value) => {
      ok.removeEventListener('click', onOk);
      cancel.removeEventListener('click', onCancel);
      input.removeEventListener('keydown', onKey);
      dialog.removeEventListener('cancel', onCancel); // Escape
      if (dialog.open) dialog.close();
      resolve(value);
    };
    ok.addEventListener('click', onOk);
    cancel.addEventListener('click', onCancel);
    input.addEventListener('keydown', onKey);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
}
