// Reads a GEXF file with graphology-gexf (the reader sigma.js apps use) and
// prints what it saw as JSON: node and edge counts, directedness, the
// attributes of one node and one edge, and the spells of a dynamic graph.
//
// graphology-gexf (0.13.2, its latest release) reads a dynamic graph's
// nodes, edges and attributes but drops their <spells>; graphology has no
// time model of its own. So the spells are read here from the same file
// with the XML parser graphology-gexf itself uses (@xmldom/xmldom) and set
// as a `spells` attribute ([[start, end], ...]) on the graphology graph's
// nodes and edges, by their GEXF ids, which graphology-gexf keeps as keys:
// what a sigma.js timeline would read.
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const { DOMParser } = require('@xmldom/xmldom');

const text = fs.readFileSync(process.argv[2], 'utf8');
const graph = gexf.parse(Graph, text, { allowUndeclaredAttributes: true });

const doc = new DOMParser().parseFromString(text, 'application/xml');
const graphElement = doc.getElementsByTagName('graph')[0];
const mode = graphElement ? graphElement.getAttribute('mode') || 'static' : 'static';
let spelled = { nodes: 0, edges: 0 };
for (const [tag, has, set, count] of [
  ['node', (k) => graph.hasNode(k), (k, v) => graph.setNodeAttribute(k, 'spells', v), 'nodes'],
  ['edge', (k) => graph.hasEdge(k), (k, v) => graph.setEdgeAttribute(k, 'spells', v), 'edges'],
]) {
  const elements = doc.getElementsByTagName(tag);
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const spells = element.getElementsByTagName('spell');
    if (!spells.length) continue;
    const key = element.getAttribute('id');
    if (!has(key)) throw new Error(`graphology has no ${tag} ${key}`);
    const value = [];
    for (let j = 0; j < spells.length; j++) {
      value.push([spells[j].getAttribute('start') || null, spells[j].getAttribute('end') || null]);
    }
    set(key, value);
    spelled[count] += 1;
  }
}

const firstNode = graph.nodes()[0];
const firstEdge = graph.edges()[0];
const spelledEdge = graph.edges().find((e) => graph.hasEdgeAttribute(e, 'spells'));
console.log(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  mode,
  nodes: graph.order,
  edges: graph.size,
  node: graph.getNodeAttributes(firstNode),
  edge: graph.getEdgeAttributes(firstEdge),
  spelled,
  spelledEdge: spelledEdge ? graph.getEdgeAttributes(spelledEdge) : null,
}));
