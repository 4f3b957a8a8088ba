// Stripe's v1 API takes application/x-www-form-urlencoded bodies (and query strings for GET) with
// bracket notation for nesting: `metadata[workspace]=w1`, `expand[]=latest_charge`,
// `expand[0]=latest_charge` (what stripe-node sends), `invoice_settings[default_payment_method]=pm_1`.
// This turns them into nested plain objects and arrays of strings, which the handlers then read
// with the typed accessors below so that bad input gets Stripe's own 400 errors.

import { StripeApiError } from "./errors";

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** Parses `a[b][0]=x&a[c]=y` into `{ a: { b: ["x"], c: "y" } }`. */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  if (!text) return root;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    assign(root, splitKey(key), value, key);
  }
  return root;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    throw new StripeApiError(400, { type: "invalid_request_error", message: `Invalid URL encoding in request: ${part.slice(0, 40)}` });
  }
}

/** `a[b][]` → ["a", "b", ""]; an empty segment means "append to the array". */
function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    if (match.index !== consumed) break;
    segments.push(match[1]);
    consumed = match.index + match[0].length;
  }
  if (consumed !== rest.length) {
    throw new StripeApiError(400, { type: "invalid_request_error", message: `Invalid parameter name: ${key}`, param: key });
  }
  return segments;
}

function assign(container: FormObject | FormValue[], path: string[], value: string, fullKey: string): void {
  const [head, ...rest] = path;
  if (Array.isArray(container)) {
    // Numeric or empty segments index arrays; stripe-node sends `expand[0]`, curl users `expand[]`.
    const index = head === "" ? container.length : Number(head);
    if (!Number.isInteger(index) || index < 0) {
      throw new StripeApiError(400, { type: "invalid_request_error", message: `Invalid array index in parameter ${fullKey}`, param: fullKey });
    }
    if (!rest.length) {
      container[index] = value;
      return;
    }
    const child = container[index] ?? (isArraySegment(rest[0]) ? [] : {});
    if (typeof child === "string") conflict(fullKey);
    container[index] = child;
    assign(child as FormObject | FormValue[], rest, value, fullKey);
    return;
  }
  if (!rest.length) {
    if (head in container && typeof container[head] !== "string") conflict(fullKey);
    container[head] = value;
    return;
  }
  const existing = container[head];
  const child = existing ?? (isArraySegment(rest[0]) ? [] : {});
  if (typeof child === "string") conflict(fullKey);
  container[head] = child;
  assign(child as FormObject | FormValue[], rest, value, fullKey);
}

function isArraySegment(segment: string): boolean {
  return segment === "" || /^\d+$/.test(segment);
}

function conflict(key: string): never {
  throw new StripeApiError(400, { type: "invalid_request_error", message: `Conflicting values for parameter ${key}`, param: key });
}

// ── Typed accessors: each throws the 400 Stripe would send for a malformed value. ──

export function invalid(param: string, message: string): StripeApiError {
  return new StripeApiError(400, { type: "invalid_request_error", code: "parameter_invalid", message, param });
}

export function missing(param: string): StripeApiError {
  return new StripeApiError(400, { type: "invalid_request_error", code: "parameter_missing", message: `Missing required param: ${param}.`, param });
}

export function optionalString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(name, `Invalid string: ${name} must be a string, not a hash or array.`);
  return value;
}

export function requiredString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === "") throw missing(name);
  return value;
}

/** Stripe clears nullable string fields when they are sent empty (`description=`). */
export function nullableString(params: FormObject, name: string): string | null | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  return value === "" ? null : value;
}

export function optionalInteger(params: FormObject, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalid(name, `Invalid integer: ${value}`);
  return Number(value);
}

export function optionalBoolean(params: FormObject, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalid(name, `Invalid boolean: ${value}`);
}

export function optionalEnum<T extends string>(params: FormObject, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(name, `Invalid ${name}: must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

export function optionalObject(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === "string" || Array.isArray(value)) throw invalid(name, `Invalid object: ${name} must be a hash.`);
  return value;
}

export function optionalStringArray(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  // A single value is accepted as a one-element array, like Stripe does for `expand=x`.
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalid(name, `Invalid array: ${name} must be an array of strings.`);
  }
  return (value as string[]).filter((item) => item !== undefined);
}

/**
 * Applies a `metadata` parameter to existing metadata with Stripe's rules: `metadata[k]=v` sets a
 * key, `metadata[k]=` removes it, and `metadata=` (empty string) removes every key. Stripe's
 * limits (50 keys, 40-char keys, 500-char values) are enforced.
 */
export function applyMetadata(current: Record<string, string>, params: FormObject): Record<string, string> {
  const value = params.metadata;
  if (value === undefined) return current;
  if (value === "") return {};
  if (typeof value === "string" || Array.isArray(value)) throw invalid("metadata", "Invalid hash: metadata must be a hash of strings.");
  const next = { ...current };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalid(`metadata[${key}]`, "Metadata values must be strings.");
    if (key.length > 40) throw invalid(`metadata[${key}]`, "Metadata keys can be at most 40 characters long.");
    if (item.length > 500) throw invalid(`metadata[${key}]`, "Metadata values can be at most 500 characters long.");
    if (item === "") delete next[key];
    else next[key] = item;
  }
  if (Object.keys(next).length > 50) throw invalid("metadata", "Metadata can have at most 50 keys.");
  return next;
}

/**
 * Rejects parameters the endpoint does not know, as Stripe does ("Received unknown parameter"),
 * so a typo in the app fails here instead of being silently ignored. `allowed` lists dotted paths;
 * a path ending in `.*` accepts anything below it (metadata keys).
 */
export function rejectUnknown(params: FormObject, allowed: readonly string[]): void {
  const open = allowed.filter((path) => path.endsWith(".*")).map((path) => path.slice(0, -2));
  const exact = new Set(["expand"]);
  for (const path of allowed) {
    // Every prefix of an allowed path is a hash the caller may send (`invoice_settings`).
    const segments = (path.endsWith(".*") ? path.slice(0, -2) : path).split(".");
    for (let i = 1; i <= segments.length; i++) exact.add(segments.slice(0, i).join("."));
  }
  const check = (value: FormValue, path: string[]) => {
    const dotted = path.join(".");
    if (open.includes(dotted)) return;
    if (!exact.has(dotted)) {
      const [first, ...others] = path;
      const bracketed = first + others.map((segment) => `[${segment}]`).join("");
      throw new StripeApiError(400, {
        type: "invalid_request_error",
        code: "parameter_unknown",
        message: `Received unknown parameter: ${bracketed}`,
        param: bracketed,
      });
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
      // A nested hash is only allowed if some allowed path goes below it.
      for (const [key, child] of Object.entries(value)) check(child, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(params)) check(value, [key]);
}
