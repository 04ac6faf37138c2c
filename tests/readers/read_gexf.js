// Reads a GEXF file with graphology-gexf (the reader sigma.js apps use) and
// prints what it saw as JSON: node and edge counts, directedness, and the
// attributes of one node and one edge.
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const text = fs.readFileSync(process.argv[2], 'utf8');
const graph = gexf.parse(Graph, text, { allowUndeclaredAttributes: true });
const firstNode = graph.nodes()[0];
const firstEdge = graph.edges()[0];
console.log(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  nodes: graph.order,
  edges: graph.size,
  node: graph.getNodeAttributes(firstNode),
  edge: graph.getEdgeAttributes(firstEdge),
}));
