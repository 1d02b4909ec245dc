/**
 * An immutable JSON value tree for free-form content (predicates, parameters, annotations). Numbers
 * keep their literal text exactly; objects keep member order.
 */
package dev.provenance.api.json;
