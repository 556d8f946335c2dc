/**
 * Splits a latin1 byte stream into IRC lines, keeping the unfinished tail for
 * the next chunk. Good enough for a load client: it only looks for a few words.
 */
export class IrcLines {
  private tail = '';

  push(chunk: string, onLine: (line: string) => void): void {
    const text = this.tail + chunk;
    let start = 0;
    for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', start)) {
      onLine(text.slice(start, lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf));
      start = lf + 1;
    }
    this.tail = text.slice(start);
  }
}

/** The numeric of a server line (`:server 376 nick :End`), or ''. */
export function numericOf(line: string): string {
  const match = /^:\S+ (\d{3}) /.exec(line);
  return match ? match[1] : '';
}
