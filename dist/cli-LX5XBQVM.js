#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  AbortError,
  pRetry
} from "./cli-YLWRLJDD.js";

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
  constructor(message, status, ambiguous, body) {
    super(message);
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
  constructor(message, status, waitMs) {
    super(message);
    this.status = status;
    this.waitMs = waitMs;
  }
  status;
  waitMs;
};
var NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/;
function causeText(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const code = cause !== null && typeof cause === "object" ? String(cause.code ?? "") : "";
  return `${error.message}${cause instanceof Error ? ` (${cause.message}${code ? `, ${code}` : ""})` : ""}`;
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
      const text = causeText(error);
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      const message = `${request.what}: ${timedOut ? `no response within ${policy.timeoutMs / 1e3} s` : text}`;
      if (NOT_SENT.test(text)) throw new RetryableFailure(message, void 0);
      if (request.idempotent) throw new RetryableFailure(message, void 0);
      throw new AbortError(new HttpRequestError(message, void 0, true));
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
      const message = `${request.what}: ${response.status} ${response.statusText || "server error"}`;
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
      const ambiguous = error.status === void 0 ? !NOT_SENT.test(error.message) : error.status >= 500;
      throw new HttpRequestError(message, error.status, ambiguous);
    }
    throw error;
  }
}

export {
  DEFAULT_HTTP_POLICY,
  HttpRequestError,
  sendWithRetry
};
