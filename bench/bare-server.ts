import { createServer } from 'node:http';

// The baseline for GraphQL overhead: the same JSON answer from a bare Node HTTP handler.
const body = JSON.stringify({ data: { __typename: 'Query' } });
const port = Number(process.argv[2] ?? 0);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
