// The house's import rules (ARCHITECTURE.md, "The house"): a module may import only modules on a lower floor,
// never one on its own floor or above, and nothing runs in a circle. CI runs `npm run lint:deps`.
// A floor is a list of folders under src/; the first floor is the lowest.
const FLOORS = [
  ['config'],
  ['database'],
  ['common'],
  ['crypto'],
  ['audit', 'regions', 'departments', 'demo-runner'],
  ['identity', 'catalog', 'duties', 'messages', 'public-lists'],
  ['records', 'audit-keeping'],
  ['forms'],
  ['consultation'],
  ['admission'],
  ['rollups'],
  ['dispatch', 'orders'],
  ['filling'],
  ['feedback', 'disclosure'],
  ['insights'],
  ['web', 'schema', 'year-of-life'],
  ['root'],
  ['cli'],
];

// src/demo/*.ts is the demo runner (low: it imports no feature module); src/demo/year-of-life/ drives every stage (top).
const PATHS = {
  'demo-runner': '^src/demo/[^/]+$',
  'year-of-life': '^src/demo/year-of-life/',
  root: '^src/[^/]+$',
};
const pathOf = (folder) => PATHS[folder] ?? `^src/${folder}/`;

const layerRules = FLOORS.flatMap((floor, level) =>
  floor.map((folder) => [
    folder,
    FLOORS.slice(level)
      .flat()
      .filter((other) => other !== folder),
  ]),
)
  .filter(([, above]) => above.length)
  .map(([folder, above]) => ({
    name: `floor-${folder}`,
    comment: `${folder} may import only lower floors (ARCHITECTURE.md, "The house")`,
    severity: 'error',
    from: { path: pathOf(folder) },
    to: { path: above.map(pathOf) },
  }));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Nothing runs in a circle, between modules or between the files of one module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'server-never-imports-tests-or-bench',
      severity: 'error',
      from: { path: '^(src|migrations)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'web-and-server-apart',
      comment: 'The browser app talks to the server over GraphQL only: its types come from schema.gql.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|migrations|test)/' },
    },
    {
      name: 'resolvers-hold-no-sql',
      comment: 'A resolver translates GraphQL into one service call; SQL lives in the services.',
      severity: 'error',
      from: { path: '\\.resolver\\.ts$' },
      // Type-only imports (entities' types in field resolvers) do not reach the database.
      to: { path: '^node_modules/typeorm/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/|\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
