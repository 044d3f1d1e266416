/**
 * Running cases against a model: the batch runner (resume, concurrency, the two-pass faults) and one case.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { readCaseSet } from './caseSet.js';
export { PROTOCOL_NAMES, protocolFrom, protocolLabel, type ProtocolName, type ProtocolSettings, requestSettings, secondPass, UNRECORDED_PROTOCOL } from './runProtocol.js';
export { runCase, runCases, type RunProgress, type RunSummary } from './runner.js';
