export { demoPassword } from './demo-people.js';
export { findDemoCredentials } from './find-demo-credentials.js';
export { demoSignIns, type SeedDemoOptions, seedDemo } from './seed-demo.js';
