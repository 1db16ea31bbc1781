/**
 * The shared training data (2020 TipDM Cup) labels messages with the Chinese names of seven
 * national first-level categories; Minsheng stores category codes. A model trained on a
 * deployment's own matters already uses codes, which pass through unchanged.
 */
export const LABEL_TO_CATEGORY: Readonly<Record<string, string>> = {
  城乡建设: 'urban_construction',
  劳动和社会保障: 'labour_social_security',
  教育文体: 'education_culture',
  商贸旅游: 'commerce_tourism',
  环境保护: 'environment',
  卫生计生: 'health',
  交通运输: 'transport',
};

/**
 * The first-level category code a model label stands for: a known Chinese label is mapped, a code
 * (`urban_construction`, or a second-level `urban_construction.property_management`) is cut to
 * its first level, as the classifier suggests first-level categories only.
 */
export function toCategoryCode(label: string): string {
  const mapped = LABEL_TO_CATEGORY[label];
  if (mapped !== undefined) return mapped;
  const dot = label.indexOf('.');
  return dot > 0 ? label.slice(0, dot) : label;
}
