#!/usr/bin/env node
// Prints the initial (eagerly loaded) JS and CSS of each web entry, gzipped: what a first visit costs.
// With --check it fails when an entry is over its budget: the portal is opened on old phones over
// slow networks (issue 3: ≤ 300 KB of initial JavaScript).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = { 'portal.html': 300, 'index.html': 400 };

/** Gzipped sizes in KB of the JS and CSS each page loads before anything else. */
export function initialSizes(dist = join(import.meta.dirname, '..', 'web', 'dist')) {
  const out = {};
  for (const page of Object.keys(BUDGET_KB)) {
    const html = readFileSync(join(dist, page), 'utf8');
    const refs = new Set(
      [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
    );
    let js = 0;
    let css = 0;
    for (const ref of refs) {
      const size = gzipSync(readFileSync(join(dist, ref)), { level: 9 }).length;
      if (ref.endsWith('.js')) js += size;
      else css += size;
    }
    out[page] = { jsKb: js / 1024, cssKb: css / 1024, files: refs.size };
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let over = false;
  for (const [page, s] of Object.entries(initialSizes())) {
    const budget = BUDGET_KB[page];
    console.log(
      `${page}: initial JS ${s.jsKb.toFixed(1)} KB gzipped (budget ${budget} KB), CSS ${s.cssKb.toFixed(1)} KB gzipped (${s.files} files)`,
    );
    if (s.jsKb > budget) over = true;
  }
  if (over && process.argv.includes('--check')) {
    console.error('initial JavaScript over budget');
    process.exit(1);
  }
}
