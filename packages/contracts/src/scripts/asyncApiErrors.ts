/**
 * Parses an AsyncAPI document with the official parser (`@asyncapi/parser`) and returns its
 * error-severity diagnostics as printable lines; warnings and hints are left to the reader.
 */
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

/** `source` is the document's path: relative `$ref`s (`./events/<name>.json`) resolve against it. */
export const asyncApiErrors = async (document: string, source: string): Promise<string[]> => {
  const { diagnostics } = await new Parser().parse(document, { source });
  return diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${d.code} at ${d.path.join('/') || '(root)'}: ${d.message}`);
};
