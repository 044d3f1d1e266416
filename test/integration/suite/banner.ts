/**
 * The suite's first line. test/vscode/runIntegration.ts streams the log from this line on: what
 * comes before is the workbench starting up.
 */
export const SUITE_BANNER = 'RobustLens extension-host tests:';
