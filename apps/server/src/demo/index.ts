export { demoPassword } from './demo-people.js';
export { demoSignIns, type SeedDemoOptions, seedDemo } from './seed-demo.js';
