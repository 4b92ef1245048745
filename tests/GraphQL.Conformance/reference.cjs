// Runs the whole conformance corpus through graphql-js (the reference implementation) once,
// and writes one JSON result per case. Usage: node reference.cjs <corpusDir> <outputFile>
// graphql stays on 16.8.2: the last release before @oneOf, so it matches the October 2021 specification.
'use strict';
const fs = require('fs');
const path = require('path');
const {
  buildSchema, parse, validate, execute, subscribe, getOperationAST, printSchema,
  GraphQLError, Kind, print,
} = require('graphql');

const here = __dirname;
const [corpusDir, outputFile] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(path.join(here, 'data.json'), 'utf8'));
const schema = buildSchema(fs.readFileSync(path.join(here, 'schema.graphql'), 'utf8'));

// --- Custom scalars, mirroring TokenOptimizer.GraphQL.CustomScalars -------------------------
const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function parseDate(text, node) {
  if (typeof text !== 'string') throw new GraphQLError(`DateTime cannot represent a non string value: ${JSON.stringify(text)}`, { nodes: node });
  if (!isoPattern.test(text) || isNaN(Date.parse(text))) {
    throw new GraphQLError(`DateTime cannot represent an invalid date-time string ${JSON.stringify(text)}.`, { nodes: node });
  }
  return new Date(text);
}
function formatDate(date) {
  return date.toISOString().replace(/\.(\d*?)0*Z$/, (_, digits) => (digits ? `.${digits}Z` : 'Z'));
}
Object.assign(schema.getType('DateTime'), {
  serialize: (v) => formatDate(v instanceof Date ? v : parseDate(v)),
  parseValue: (v) => parseDate(v),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime cannot represent a non string value: ${print(ast)}`, { nodes: ast });
    return parseDate(ast.value, ast);
  },
});
const decimalPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function parseDecimal(text, node) {
  if (typeof text !== 'string' || !decimalPattern.test(text)) throw new GraphQLError(`Decimal cannot represent value: ${JSON.stringify(text)}`, { nodes: node });
  return text;
}
Object.assign(schema.getType('Decimal'), {
  serialize: (v) => String(v),
  parseValue: (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : parseDecimal(v)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new GraphQLError(`Decimal cannot represent value: ${print(ast)}`, { nodes: ast });
    return parseDecimal(ast.value, ast);
  },
});
function parseLong(v) {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new GraphQLError(`Long cannot represent value: ${JSON.stringify(v)}`);
  return n;
}
Object.assign(schema.getType('Long'), {
  serialize: (v) => parseLong(v),
  parseValue: parseLong,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT && !(ast.kind === Kind.STRING && /^-?\d+$/.test(ast.value))) throw new GraphQLError(`Long cannot represent value: ${print(ast)}`, { nodes: ast });
    return Number(ast.value);
  },
});

// --- Resolvers, mirroring ConformanceSchema.cs ------------------------------------------------
const userById = (id) => data.users.find((u) => u.id === id) ?? null;
const postById = (id) => data.posts.find((p) => p.id === id) ?? null;
const take = (list, n) => (n == null ? list : list.slice(0, Math.max(0, n)));
const echo = (_, { value }) => value;
const nested = (depth) => ({ depth });

const resolvers = {
  Query: {
    hello: (_, { name }) => `Hello, ${name}!`,
    user: (_, { id }) => userById(id),
    users: (_, { first, role }) => take(data.users.filter((u) => role == null || u.role === role), first),
    node: (_, { id }) => userById(id) ?? postById(id),
    search: (_, { text }) => {
      const t = text.toLowerCase();
      return [...data.users.filter((u) => u.name.toLowerCase().includes(t)), ...data.posts.filter((p) => p.title.toLowerCase().includes(t))];
    },
    posts: () => data.posts,
    echoInt: echo, echoFloat: echo, echoString: echo, echoBoolean: echo, echoId: echo, echoRole: echo,
    echoDecimal: echo, echoLong: echo, echoDateTime: echo,
    echoList: (_, { values }) => values,
    echoNonNullList: (_, { values }) => values,
    echoInput: (_, { input }) => (input == null ? null : {
      text: input.text, roles: input.roles, limit: input.limit, hasNested: input.nested != null, required: input.required,
    }),
    fail: () => { throw new Error('Resolver failed'); },
    failNonNull: () => { throw new Error('Resolver failed'); },
    nullNonNull: () => null,
    nested: () => nested(1),
    oldField: () => 'old',
    listWithNullItem: () => ['a', null, 'c'],
    nonNullListWithNullItem: () => ['a', null],
    numbers: () => [1, 2, 3],
    asyncValue: async () => { await new Promise((r) => setImmediate(r)); return 'async'; },
  },
  User: {
    friends: (u, { first }) => take(u.friendIds, first).map(userById).filter((x) => x != null),
    posts: (u) => data.posts.filter((p) => p.authorId === u.id),
    manager: (u) => userById(u.managerId),
  },
  Post: {
    body: (p, { truncate }) => (truncate == null ? p.body : p.body.slice(0, Math.max(0, truncate))),
    author: (p) => userById(p.authorId),
  },
  Nested: {
    value: (n) => n.depth,
    child: (n) => (n.depth < 3 ? nested(n.depth + 1) : null),
    failing: () => { throw new Error('Nested failure'); },
    failingNonNull: () => { throw new Error('Nested failure'); },
    nonNullChild: () => null,
  },
  Mutation: {
    createUser: (_, { name, role }, ctx) => ({
      __typename: 'User', id: `new-${++ctx.created}`, name, email: null, role, friendIds: [], managerId: null, score: null, createdAt: '2024-05-01T00:00:00Z',
    }),
    increment: (_, { by }, ctx) => (ctx.counter += by),
  },
};
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  for (const [fieldName, resolve] of Object.entries(fields)) type.getFields()[fieldName].resolve = resolve;
}
const subscriptionFields = schema.getSubscriptionType().getFields();
subscriptionFields.counter.subscribe = async function* (_, { upTo }) { for (let i = 1; i <= upTo; i++) yield i; };
subscriptionFields.counter.resolve = (event) => event;
subscriptionFields.ping.subscribe = async function* () { yield 'pong'; };
subscriptionFields.ping.resolve = (event) => event;

// --- Corpus ----------------------------------------------------------------------------------
function readCases(dir) {
  const cases = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cases')).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const parts = text.split(/^### /m).slice(1);
    for (const part of parts) {
      const newline = part.indexOf('\n');
      const name = part.slice(0, newline).trim();
      const source = part.slice(newline + 1);
      const variables = /^# variables: (.*)$/m.exec(source);
      const operationName = /^# operationName: (.*)$/m.exec(source);
      cases.push({
        id: `${file.replace(/\.cases$/, '')}/${name}`,
        source,
        variables: variables ? JSON.parse(variables[1]) : undefined,
        operationName: operationName ? operationName[1].trim() : undefined,
      });
    }
  }
  return cases;
}

const errorsOf = (errors) => errors.map((e) => ({ message: e.message, locations: e.locations, path: e.path }));

async function run(testCase) {
  let document;
  try {
    document = parse(testCase.source);
  } catch (error) {
    return { stage: 'parse', errors: errorsOf([error]) };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { stage: 'validation', errors: errorsOf(validationErrors) };
  const args = {
    schema, document, rootValue: {}, contextValue: { created: 0, counter: 0 },
    variableValues: testCase.variables, operationName: testCase.operationName,
  };
  const operation = getOperationAST(document, testCase.operationName);
  if (operation && operation.operation === 'subscription') {
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return { stage: 'execution', ...serialize(result) };
    const events = [];
    for await (const event of result) events.push(serialize(event));
    return { stage: 'subscription', events };
  }
  return { stage: 'execution', ...serialize(await execute(args)) };
}

function serialize(result) {
  const out = {};
  if (result.errors) out.errors = errorsOf(result.errors);
  if ('data' in result) out.data = result.data;
  return JSON.parse(JSON.stringify(out));
}

(async () => {
  const results = {};
  for (const testCase of readCases(corpusDir)) results[testCase.id] = await run(testCase);
  fs.writeFileSync(outputFile, JSON.stringify({ sdl: printSchema(schema), results }, null, 1));
})().catch((error) => { console.error(error); process.exit(1); });
