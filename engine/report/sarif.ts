/**
 * `hpa-lab check --format sarif`: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
 * for GitHub code scanning. One rule per finding kind, one result per InferenceService, kind and
 * HPA, at the line an annotation marks, with a fingerprint made of names only, so a finding keeps
 * its identity while lines move and code scanning closes it once it is fixed.
 */
import { msg } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import type { CheckReport } from '../explore/check.ts';
import { siteConfig } from '../link/site.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { FINDING_KINDS, findingText, rangesLabel, reportFindings, type FindingKind } from './check-findings.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Rule ids are part of the format: code scanning tracks findings by them, so never rename one. */
export const RULE_IDS: Readonly<Record<FindingKind, string>> = {
  deleted: 'HPA001',
  collected: 'HPA002',
  terminating: 'HPA003',
  overwritten: 'HPA004',
  conflict: 'HPA005',
  fought: 'HPA006',
  refused: 'HPA007',
};

const RULE_NAMES: Readonly<Record<FindingKind, string>> = {
  deleted: 'UserHpaDeleted',
  collected: 'UserHpaGarbageCollected',
  terminating: 'UserHpaStuckTerminating',
  overwritten: 'UserHpaOverwritten',
  conflict: 'UserHpaConflict',
  fought: 'UserHpaScalingFought',
  refused: 'InferenceServiceRefused',
};

export interface SarifOptions {
  version: string;
  locale: Locale;
  site?: { origin: string; base: string };
  /** Makes a path relative to the repository root (SARIF's %SRCROOT%); null leaves the result without a location. */
  relativePath?: (file: string) => string | null;
}

const localePrefix = (locale: Locale): string => (locale === 'en' ? '' : `${locale}/`);

function helpUri(kind: FindingKind, locale: Locale, site: { origin: string; base: string }): string {
  const root = `${site.origin}${site.base}${localePrefix(locale)}`;
  if (kind === 'refused') return `${root}reference/checks/`;
  // Chinese headings have other anchors; the page is enough there.
  return `${root}guides/analysis/${locale === 'en' ? '#every-way-kserve-defeats-an-hpa' : ''}`;
}

const defaultRelative = (file: string): string | null => (file.startsWith('<') || file.startsWith('/') ? null : file.replace(/^\.\//, ''));

export function checkSarif(report: CheckReport, scenario: Scenario, options: SarifOptions) {
  const t = (id: Parameters<typeof msg>[0], params?: Parameters<typeof msg>[1]) => renderMessage(msg(id, params), options.locale);
  const site = options.site ?? siteConfig;
  const relative = options.relativePath ?? defaultRelative;
  const rules = FINDING_KINDS.map((kind) => ({
    id: RULE_IDS[kind],
    name: RULE_NAMES[kind],
    shortDescription: { text: t(`sarif.${kind}.short`) },
    fullDescription: { text: t(`sarif.${kind}.full`) },
    helpUri: helpUri(kind, options.locale, site),
    help: { text: t(`sarif.${kind}.full`), markdown: `${t(`sarif.${kind}.full`)} [${t('sarif.helpLink')}](${helpUri(kind, options.locale, site)})` },
    defaultConfiguration: { level: kind === 'refused' ? 'warning' : 'error' },
    properties: { tags: ['kubernetes', 'kserve', 'autoscaling'] },
  }));
  const results = reportFindings(scenario, report).map((finding) => {
    const uri = finding.at ? relative(finding.at.file) : null;
    const releases = rangesLabel(finding.ranges);
    return {
      ruleId: RULE_IDS[finding.kind],
      ruleIndex: FINDING_KINDS.indexOf(finding.kind),
      level: finding.kind === 'refused' ? 'warning' : 'error',
      message: { text: t('sarif.message', { releases, finding: findingText(finding) }) },
      ...(finding.at && uri !== null
        ? { locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: finding.at.line, startColumn: finding.at.column } } }] }
        : {}),
      partialFingerprints: { 'hpaLabFinding/v1': [RULE_IDS[finding.kind], finding.isvc, finding.hpa ?? ''].join('|') },
      properties: { inferenceService: finding.isvc, hpa: finding.hpa, releases: finding.tags },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'hpa-lab',
          version: options.version,
          semanticVersion: options.version,
          informationUri: `${site.origin}${site.base}`,
          rules,
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { description: { text: t('sarif.srcroot') } } },
      results,
    }],
  };
}
