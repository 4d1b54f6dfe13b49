// A minimal Express 4 app serving pre-rendered bodies from memory: the floor for AIMeter's stack.
// Usage: node express-server.js PORT DIR   (DIR holds json, table, latest, metrics)
const express = require('express');
const fs = require('fs');
const path = require('path');

const [port, dir] = process.argv.slice(2);
const bodies = {
  json: ['application/json; charset=utf-8', fs.readFileSync(path.join(dir, 'json'))],
  table: ['text/plain; charset=utf-8', fs.readFileSync(path.join(dir, 'table'))],
  latest: ['application/json; charset=utf-8', fs.readFileSync(path.join(dir, 'latest'))],
  metrics: ['text/plain; version=0.0.4; charset=utf-8', fs.readFileSync(path.join(dir, 'metrics'))],
};
const app = express();
for (const [name, [type, body]] of Object.entries(bodies)) {
  app.all('/' + name, (req, res) => res.type(type).send(body));
}
app.listen(Number(port), '127.0.0.1');
