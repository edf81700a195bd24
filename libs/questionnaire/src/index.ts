export * from './definition/condition.js';
export * from './definition/definition.schema.js';
export * from './definition/validate-definition.js';
export * from './definition/visibility.js';
