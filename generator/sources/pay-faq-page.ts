/**
 * Reads the error answers of Amazon Pay's "Frequently asked questions" page
 * (its text form): each `Q: Why is <Operation> returning an <Code> error
 * response?` documents one error of one operation. The page has no message
 * column, so the row's message is the answer's statement of the cause: its
 * first paragraph up to the advice that follows it ("If …, make sure …"), a
 * closing colon (which introduces the list of states) read as a full stop.
 */
export interface PayFaqRow {
  /** The question without its "Q: ", which is how the spec cites it. */
  readonly section: string;
  readonly reasonCode: string;
  /** The operation as the page names it, e.g. "Complete Checkout Session". */
  readonly operation: string;
  readonly message: string;
}

const QUESTION = /^Q: (Why is (.+?) returning an? ([A-Za-z][A-Za-z0-9]*) error response\?)$/;
const ADVICE = /^If\b/;

const fold = (line: string) => line.replace(/\s+/g, " ").trim();

export function readPayFaqPage(text: string): PayFaqRow[] {
  const lines = text.split(/\r?\n/).map(fold);
  const rows: PayFaqRow[] = [];
  lines.forEach((line, i) => {
    const question = QUESTION.exec(line);
    if (!question) return;
    const answer = lines.slice(i + 1).find((next) => next.length > 0) ?? "";
    if (answer.startsWith("Q: ")) return;
    rows.push({ section: question[1]!, operation: question[2]!, reasonCode: question[3]!, message: causeOf(answer) });
  });
  return rows;
}

function causeOf(paragraph: string): string {
  const sentences = paragraph.split(/(?<=[.:])\s+(?=[A-Z])/);
  const advice = sentences.findIndex((sentence) => ADVICE.test(sentence));
  const cause = (advice > 0 ? sentences.slice(0, advice) : sentences).join(" ");
  return cause.replace(/:$/, ".");
}
