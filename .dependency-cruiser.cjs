/**
 * The server's slice boundaries, checked by `npm run lint`. A slice (a folder under apps/server/src) is used
 * by others only through its `index.ts`; `platform/`, `db/` and `http/` are shared kernels anyone may use.
 * No module may take part in an import cycle. There is no list of known violations: any one fails the lint.
 * `platform/business-time/` (business calendars, the SLA clock) is pure arithmetic every slice may use.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'An import cycle hides who depends on whom; react to an event instead. Types only (`import type`) are erased at run time and may point back.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'slice-deep-import',
      comment: 'Another slice is used through its index.ts, its public face, not through its files.',
      severity: 'error',
      from: { path: '^apps/server/src/([^/]+)/' },
      to: {
        path: '^apps/server/src/[^/]+/.+',
        pathNot: ['^apps/server/src/$1/', '^apps/server/src/[^/]+/index\\.ts$', '^apps/server/src/(platform|db|http)/'],
      },
    },
    {
      name: 'routes-do-not-query',
      comment:
        'A route parses, checks access and calls a use-case; the statements live in use-cases and repositories (docs/architecture.md, "Where queries live").',
      severity: 'error',
      from: { path: '^apps/server/src/.+-routes\\.ts$' },
      to: { path: ['node_modules/drizzle-orm/', '^apps/server/src/db/schema'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '^apps/server/test/', '-test-kit\\.ts$', '-child\\.ts$', 'test-server\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
