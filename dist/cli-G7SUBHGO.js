#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/util/network-error.ts
var DESCRIPTIONS = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS certificate not trusted (self-signed)",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS certificate not trusted (self-signed in chain)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate is for another host"
};
var NOT_SENT_CODES = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
function placeOf(e) {
  if (typeof e.address === "string") return typeof e.port === "number" || typeof e.port === "string" ? `${e.address}:${e.port}` : e.address;
  if (typeof e.hostname === "string") return e.hostname;
  if (typeof e.host === "string") return e.host;
  const [first] = Array.isArray(e.errors) ? e.errors : [];
  return first !== null && typeof first === "object" ? placeOf(first) : void 0;
}
function networkFailure(error, fallbackPlace) {
  let current = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    const e = current;
    const code = typeof e.code === "string" ? e.code : void 0;
    const description = code !== void 0 ? DESCRIPTIONS[code] : void 0;
    if (code !== void 0 && description !== void 0) {
      const place = placeOf(e) ?? fallbackPlace;
      return { code, text: `${description}${place !== void 0 ? ` (${place})` : ""}` };
    }
    current = e.cause;
  }
  return void 0;
}

export {
  NOT_SENT_CODES,
  networkFailure
};
