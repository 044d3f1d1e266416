// Child process for the tag journal's crash and concurrency tests: appends N tags to a journal
// and prints each event id on stdout only after its append resolved (i.e. was acknowledged).
import { TagJournal } from '../../src/core/tags/journal.js';

async function main(): Promise<void> {
  const [file, who, countText] = process.argv.slice(2);
  const journal = new TagJournal(file!, who!);
  for (let i = 0; i < Number(countText); i++) {
    const event = await journal.add({ run: 'r', model: 'm', split: 'CD', id: `${who}-${i}` }, 'cost_lure');
    process.stdout.write(`${event.event}\n`);
  }
}

void main();
