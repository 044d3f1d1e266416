/** The last lines of a stream that arrives in arbitrary chunks, kept for failure messages. */
export class RecentLines {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    // Blank lines (code-server prints runs of them) would crowd out the lines that say something.
    this.lines.push(...parts.filter((line) => line.trim() !== ''));
    this.lines.splice(0, Math.max(0, this.lines.length - this.limit));
  }

  text(): string {
    return [...this.lines, this.partial].filter((line) => line.trim() !== '').join('\n');
  }
}
