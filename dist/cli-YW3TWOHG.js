#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  NOT_SENT_CODES,
  networkFailure
} from "./cli-G7SUBHGO.js";
import {
  AbortError,
  pRetry
} from "./cli-YLWRLJDD.js";
import {
  sanitizeText,
  sanitizeVendorBody
} from "./cli-Q4UO6FBE.js";

// src/util/vendor-response.ts
var UnexpectedResponseError = class extends Error {
  name = "UnexpectedResponseError";
  constructor(what, expected, body) {
    super(`${what}: unexpected answer (expected ${expected}); got ${describeBody(body)}`);
  }
};
function describeBody(body) {
  if (body === void 0) return "an empty body";
  let text;
  try {
    text = typeof body === "string" ? body : JSON.stringify(body) ?? String(body);
  } catch {
    text = String(body);
  }
  return `"${sanitizeVendorBody(text.length > 200 ? `${text.slice(0, 200)}…` : text)}"`;
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
var isString = (value) => typeof value === "string";
var isOptionalString = (value) => value === void 0 || value === null || typeof value === "string";
function isArrayOf(value, entry) {
  return Array.isArray(value) && value.every((v) => entry(v));
}
function isOptionalArrayOf(value, entry) {
  return value === void 0 || value === null || isArrayOf(value, entry);
}
function expectShape(value, guard, what, expected) {
  if (guard(value)) return value;
  throw new UnexpectedResponseError(what, expected, value);
}

// src/sync/retry.ts
var DEFAULT_HTTP_POLICY = {
  retries: 4,
  baseDelayMs: 1e3,
  maxDelayMs: 3e4,
  timeoutMs: 3e4,
  maxRetryAfterMs: 3e5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
var HttpRequestError = class extends Error {
  constructor(message, status, ambiguous, body, cause) {
    super(message, cause === void 0 ? void 0 : { cause });
    this.status = status;
    this.ambiguous = ambiguous;
    this.body = body;
  }
  status;
  ambiguous;
  body;
  name = "HttpRequestError";
};
function retryAfterMs(headers, options) {
  const now = options.now ?? Date.now();
  const after = headers.get("retry-after");
  if (after !== null) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1e3);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (!options.rateLimited) return void 0;
  for (const family of ["x-ratelimit-requests", "x-ratelimit-complexity", "x-ratelimit"]) {
    if (headers.get(`${family}-remaining`) !== "0") continue;
    const value = Number(headers.get(`${family}-reset`));
    if (!Number.isFinite(value) || value <= 0) continue;
    return Math.max(0, (value > 1e12 ? value : value * 1e3) - now);
  }
  return void 0;
}
var RetryableFailure = class extends Error {
  constructor(message, status, waitMs, notSent = false, cause) {
    super(message, cause === void 0 ? void 0 : { cause });
    this.status = status;
    this.waitMs = waitMs;
    this.notSent = notSent;
  }
  status;
  waitMs;
  notSent;
};
var NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/;
function causeText(error, place) {
  const network = networkFailure(error, place);
  if (network) return network.text;
  if (!(error instanceof Error)) return sanitizeVendorBody(String(error));
  const cause = error.cause;
  const code = cause !== null && typeof cause === "object" ? String(cause.code ?? "") : "";
  return sanitizeVendorBody(`${error.message}${cause instanceof Error ? ` (${cause.message}${code ? `, ${code}` : ""})` : ""}`);
}
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return void 0;
  }
}
async function readJson(response) {
  const text = await response.text();
  if (text.trim() === "") return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
async function sendWithRetry(fetchFn, request, policy, rateLimited = () => false) {
  const attempt = async () => {
    let response;
    try {
      response = await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        ...request.body !== void 0 && { body: request.body },
        signal: AbortSignal.timeout(policy.timeoutMs)
      });
    } catch (error) {
      const network = networkFailure(error);
      const text = causeText(error, hostOf(request.url));
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      const message = `${request.what}: ${timedOut ? `no response within ${policy.timeoutMs / 1e3} s` : text}`;
      if (network ? NOT_SENT_CODES.has(network.code) : NOT_SENT.test(text)) throw new RetryableFailure(message, void 0, void 0, true, error);
      if (request.idempotent) throw new RetryableFailure(message, void 0, void 0, false, error);
      throw new AbortError(new HttpRequestError(message, void 0, true, void 0, error));
    }
    let json;
    try {
      json = await readJson(response);
    } catch (error) {
      const message = `${request.what}: the response broke off (${causeText(error)})`;
      if (request.idempotent) throw new RetryableFailure(message, response.status);
      throw new AbortError(new HttpRequestError(message, response.status, true));
    }
    const result = { status: response.status, headers: response.headers, json };
    if (response.status === 429 || rateLimited(result)) {
      throw new RetryableFailure(`${request.what}: rate limited (${response.status})`, response.status, retryAfterMs(response.headers, { rateLimited: true }) ?? policy.baseDelayMs);
    }
    if (response.status >= 500) {
      const message = `${request.what}: ${response.status} ${sanitizeText(response.statusText, { maxLength: 80, multiline: false }) || "server error"}${json === void 0 ? "" : ` (${describeBody(json)})`}`;
      if (request.idempotent) throw new RetryableFailure(message, response.status, retryAfterMs(response.headers, { rateLimited: false }));
      throw new AbortError(new HttpRequestError(message, response.status, true, json));
    }
    return result;
  };
  try {
    return await pRetry(attempt, {
      retries: policy.retries,
      factor: 2,
      minTimeout: policy.baseDelayMs,
      maxTimeout: policy.maxDelayMs,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof RetryableFailure && (error.waitMs ?? 0) <= policy.maxRetryAfterMs,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        if (!(error instanceof RetryableFailure) || retriesLeft <= 0) return;
        policy.onRetry?.(`${error.message}; retrying (${retriesLeft} ${retriesLeft === 1 ? "retry" : "retries"} left)`);
        if (error.waitMs !== void 0 && error.waitMs > 0 && error.waitMs <= policy.maxRetryAfterMs) await policy.sleep(error.waitMs);
      }
    });
  } catch (error) {
    if (error instanceof HttpRequestError) throw error;
    if (error instanceof RetryableFailure) {
      const tooLong = error.waitMs !== void 0 && error.waitMs > policy.maxRetryAfterMs;
      const message = tooLong ? `${error.message}: asked to wait ${Math.ceil(error.waitMs / 1e3)} s, longer than this run waits` : `${error.message}; gave up after ${policy.retries} retries`;
      const ambiguous = error.status === void 0 ? !error.notSent : error.status >= 500;
      throw new HttpRequestError(message, error.status, ambiguous, void 0, error.cause);
    }
    throw error;
  }
}

export {
  UnexpectedResponseError,
  isRecord,
  isString,
  isOptionalString,
  isArrayOf,
  isOptionalArrayOf,
  expectShape,
  DEFAULT_HTTP_POLICY,
  HttpRequestError,
  sendWithRetry
};
