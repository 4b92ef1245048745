// Talks to a running server the way real clients do, and prints what they saw as JSON.
// Usage: node clients.cjs http://127.0.0.1:port/graphql
'use strict';
const WebSocket = require('ws');
const { createClient: createWsClient } = require('graphql-ws');
const { createClient: createSseClient } = require('graphql-sse');
const { getIntrospectionQuery, buildClientSchema, printSchema } = require('graphql');

const url = process.argv[2];

function collect(client, payload) {
  return new Promise((resolve, reject) => {
    const events = [];
    client.subscribe(payload, { next: (value) => events.push(value), error: reject, complete: () => resolve(events) });
  });
}

async function fetchJson(target, init) {
  const response = await fetch(target, init);
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
}

(async () => {
  const out = {};
  // Apollo Client (HttpLink): POST with its Accept header.
  out.apollo = await fetchJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9' },
    body: JSON.stringify({ operationName: 'Hello', query: 'query Hello($n: String) { hello(name: $n) }', variables: { n: 'Apollo' } }),
  });
  // urql (fetchExchange, preferGetMethod): queries go out as GET.
  const params = new URLSearchParams({ query: 'query Numbers { numbers }', operationName: 'Numbers', variables: '{}' });
  out.urql = await fetchJson(`${url}?${params}`, {
    headers: { accept: 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed' },
  });
  // graphql-codegen and GraphiQL: introspection, then a client schema built from it.
  const introspection = await fetchJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }) }),
  });
  out.sdlFromIntrospection = printSchema(buildClientSchema(introspection.body.data));
  // graphql-ws: what Apollo's GraphQLWsLink and urql's subscriptionExchange use.
  const ws = createWsClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  out.wsSubscription = await collect(ws, { query: 'subscription { counter(upTo: 3) }' });
  out.wsQuery = await collect(ws, { query: '{ hello }' });
  out.wsError = await collect(ws, { query: '{ nope }' }).catch((errors) => ({ rejected: errors.map((e) => e.message) }));
  await ws.dispose();
  // graphql-sse in distinct connections mode.
  const sse = createSseClient({ url, retryAttempts: 0 });
  out.sseSubscription = await collect(sse, { query: 'subscription { counter(upTo: 2) }' });
  sse.dispose();
  console.log(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
