// The page's only way to the server: same-origin JSON under api/, keyset pages followed with ?after=.

const API_ROOT = new URL("api/", document.baseURI);

/** A request the server refused or could not answer, with the path and the server's own reason. */
export class ApiError extends Error {
  constructor(path, status, detail) {
    super(status ? `${path}: ${status}${detail ? ` ${detail}` : ""}` : `${path}: ${detail}`);
    this.status = status;
  }
}

function apiUrl(path, params = {}) {
  const url = new URL(path.replace(/^\//, ""), API_ROOT);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  if (url.origin !== window.location.origin) throw new ApiError(path, 0, "not this server");
  return url;
}

/** The JSON body of GET api/<path>; an ApiError naming the path and the reason otherwise. */
export async function getJSON(path, params = {}) {
  const url = apiUrl(path, params);
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  } catch (error) {
    throw new ApiError(url.pathname, 0, `the server did not answer (${error.message})`);
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      if (body && body.detail !== undefined) {
        detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      }
    } catch {
      // a body that is no JSON: the status text says enough
    }
    throw new ApiError(url.pathname, response.status, detail);
  }
  return response.json();
}

/** The rows and the next cursor of a page, whichever of the usual keys the server put them under. */
export function pageOf(body) {
  if (Array.isArray(body)) return { rows: body, next: null };
  const rows = body.items ?? body.rows ?? body.data ?? body.results ?? [];
  return { rows, next: body.next ?? null };
}

/** One page of a listing. */
export async function getPage(path, params = {}, after = null) {
  return pageOf(await getJSON(path, after ? { ...params, after } : params));
}

/**
 * Every row of a listing, page after page, up to `cap` rows (the page warns when it stopped there rather than
 * hold an unbounded ledger in the browser).
 */
export async function getAll(path, params = {}, cap = 5000) {
  const rows = [];
  let after = null;
  do {
    const page = await getPage(path, params, after);
    rows.push(...page.rows);
    after = page.next;
  } while (after && rows.length < cap);
  return { rows: rows.slice(0, cap), truncated: Boolean(after) || rows.length > cap };
}
