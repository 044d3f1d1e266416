import { Command, CommanderError } from 'commander';
import packageJson from '../package.json';
import { errorMessage } from './common/errorMessage.js';
import { safeLines } from './common/safeText.js';
import { UsageError } from './cli/errors.js';
import { EXIT } from './cli/exitCodes.js';
import { registerAugmentCommand } from './cli/augmentCommand.js';
import { registerCompareCommand } from './cli/compareCommand.js';
import { registerPerturbCommand } from './cli/perturbCommand.js';
import { registerReportCommand } from './cli/reportCommand.js';
import { registerRewardCommand } from './cli/rewardCommand.js';
import { registerRunCommand } from './cli/runCommand.js';
import { registerScoreCommand } from './cli/scoreCommand.js';
import { registerServeCommand } from './cli/serveCommand.js';
import { registerTagsCommand } from './cli/tagsCommand.js';

// `robustlens … | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(EXIT.ok);
});

const program = new Command('robustlens')
  .description('Perturb, run, score and inspect tool-using LLM agents (RobustBench-TC, BFCL).')
  .version(packageJson.version)
  .showHelpAfterError()
  .exitOverride();

registerScoreCommand(program);
registerPerturbCommand(program);
registerRunCommand(program);
registerServeCommand(program);
registerTagsCommand(program);
registerReportCommand(program);
registerCompareCommand(program);
registerAugmentCommand(program);
registerRewardCommand(program);

// Messages may quote files, paths and model servers' answers, so they are escaped.
program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  if (err instanceof UsageError) {
    console.error(`robustlens: ${safeLines(err.message)}`);
    process.exit(EXIT.usage);
  }
  console.error(`robustlens: ${safeLines(errorMessage(err))}`);
  if (process.env['ROBUSTLENS_DEBUG']) console.error(err);
  process.exit(EXIT.failure);
});
