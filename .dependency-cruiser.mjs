/** Import rules for the server (src/), the web app (web/src) and the tooling around them. `npm run lint:deps`. */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles in src/. Type-only imports count too: they cost nothing at run time, but a cycle of ' +
        'types is the same design knot (two modules that each need the other) and the next value import ' +
        'turns it into a load-order bug.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Production code does not import the tests or their helpers.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-tooling',
      severity: 'error',
      comment:
        'Evaluation, benchmarks and build scripts live outside the production tree; src/ never imports them.',
      from: { path: '^src/' },
      to: { path: '^(tools|bench|scripts)/' },
    },
    {
      name: 'web-only-shared-server-code',
      severity: 'error',
      comment:
        'The web app shares the API contract (src/shared) and a few browser-safe modules with the server: the ' +
        'notices (rendered and built as DOCX in the browser too), the Zod error mapping and the region tree. ' +
        'Nothing else of src/ (database, HTTP, services) may reach the bundle.',
      from: { path: '^web/src/' },
      to: {
        path: '^src/',
        pathNot:
          '^src/(shared/|documents/(notice-content|notice-docx|from-matter)\\.ts$|errors/zod-errors\\.ts$|routing/regions\\.ts$)',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|web/dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
