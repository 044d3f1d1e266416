export { startModelServer, type ModelServerOptions, type RunningModelServer } from './server.js';
