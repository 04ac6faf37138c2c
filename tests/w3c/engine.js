// An engine stub for rdf-test-suite: the protocol suites talk HTTP only.
module.exports = {
  parse: function () { return Promise.reject(new Error('HTTP-only engine')); },
  query: function () { return Promise.reject(new Error('HTTP-only engine')); },
};
