/**
 * A unit's (or region's) name. Names are kept in Chinese only, so in English mode the name is marked
 * as Chinese text: screen readers switch voice and the browser picks the right font and line breaks.
 */
export function UnitName({ name }: { name: string | null | undefined }) {
  if (!name) return null;
  return <span lang="zh-CN">{name}</span>;
}
