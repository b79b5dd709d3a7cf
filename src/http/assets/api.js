// The JSON API of vka (/api/v1). Every state-changing request carries the
// session's CSRF token; the server enforces access, the UI never decides.

let csrfToken = '';

export function setCsrf(token) {
  csrfToken = token || '';
}

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
    this.details = Array.isArray(details) ? details : [];
  }
}

const kSafeMethods = new Set(['GET', 'HEAD']);

// api('POST', '/api/v1/records', {json: {...}}) -> parsed JSON (or null for 204).
// Options: json (sent as JSON), body (raw), headers, signal, raw (return the Response).
export async function api(method, path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Accept', 'application/json');
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  }
  if (!kSafeMethods.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  const response = await fetch(path, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) throw await errorOf(response);
  if (options.raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json();
  return response.text();
}

async function errorOf(response) {
  let payload = null;
  try {
    payload = await response.json();
  } catch (_) {
    payload = null;
  }
  const error = (payload && payload.error) || {};
  const result = new ApiError(response.status, error.code, error.message, error.details);
  result.retryAfter = response.headers.get('Retry-After');
  return result;
}

export const get = (path, options) => api('GET', path, options);
export const post = (path, json, options = {}) => api('POST', path, { ...options, json });
export const patch = (path, json) => api('PATCH', path, { json });
export const del = (path) => api('DELETE', path);

// Builds "path?k=v&k=v" from an object; arrays repeat the key; empty values are left out.
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v !== undefined && v !== null && v !== '') query.append(key, String(v));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
