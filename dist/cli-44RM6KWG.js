#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  sortFindings
} from "./cli-JW34KQ4Z.js";

// src/version.ts
var VERSION = "0.1.0";
var BUILD_ID = true ? "3022e246db3e4dcb" : "source";

// src/report/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var PROJECT_URL = "https://github.com/reliability-loop/reliability-loop";
function ruleHelpUri(ruleId, version) {
  return `${PROJECT_URL}/blob/v${version}/docs/rules/${ruleId}.md`;
}
var level = (severity) => severity;
function toRelativeUri(path) {
  return path.split(/[\\/]/).map((segment) => encodeURIComponent(segment)).join("/");
}
function firstSentence(text) {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match?.[1] ?? text;
}
function toSarif(result, options) {
  const index = new Map(options.rules.map((rule, i) => [rule.id, i]));
  const rules = options.rules.map(
    (rule) => ({
      id: rule.id,
      name: rule.name,
      shortDescription: { text: firstSentence(rule.description) },
      fullDescription: { text: rule.description },
      helpUri: options.helpUri(rule.id),
      defaultConfiguration: { level: level(rule.defaultSeverity) }
    })
  );
  const results = sortFindings(result.findings).map((finding) => {
    const ruleIndex = index.get(finding.rule);
    return {
      ruleId: finding.rule,
      ...ruleIndex === void 0 ? {} : { ruleIndex },
      level: level(finding.severity),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toRelativeUri(finding.path), uriBaseId: "%SRCROOT%" },
            region: { startLine: Math.max(1, finding.line), startColumn: Math.max(1, finding.column) }
          }
        }
      ]
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "reliability-loop",
            version: options.version,
            semanticVersion: options.version,
            informationUri: options.informationUri,
            rules
          }
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The root of the repository (--root)." } } },
        columnKind: "utf16CodeUnits",
        results
      }
    ]
  };
}
function formatSarif(result, options) {
  return `${JSON.stringify(toSarif(result, options), null, 2)}
`;
}

export {
  VERSION,
  BUILD_ID,
  PROJECT_URL,
  ruleHelpUri,
  formatSarif
};
