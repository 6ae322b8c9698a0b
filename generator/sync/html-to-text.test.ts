import { describe, expect, it } from "vitest";
import { readPipeTables } from "../sources/pipe-tables.js";
import { decodeEntities, htmlToText, looksLikeHtml, tokenize } from "./html-to-text.js";

const tables = (html: string) => readPipeTables({ text: htmlToText(html), headingOf: (lines) => lines.at(-1) ?? "" });

describe("htmlToText", () => {
  it("puts headings, paragraphs and list items on lines of their own and runs inline elements on", () => {
    expect(htmlToText("<h2>Error codes</h2><p>This table   describes\n <em>generic</em> <a href='#x'>error codes</a>.</p><ul><li>one</li><li>two</li></ul>")).toBe(
      "Error codes\nThis table describes generic error codes.\none\ntwo\n",
    );
  });

  it("drops comments, doctype, head, scripts, styles, buttons and svg, even a script that writes tags", () => {
    const html =
      '<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body><!-- <p>hidden</p> -->' +
      '<script>document.write("</p><table>")</SCRIPT><p>shown<button>Copy</button><svg><text>icon</text></svg></p><noscript>x</noscript></body></html>';
    expect(htmlToText(html)).toBe("shown\n");
  });

  it("shows the body when the page leaves out </head>", () => {
    expect(htmlToText("<html><head><title>Errors</title><body><p>Manage errors</p></body></html>")).toBe("Manage errors\n");
  });

  it("decodes named and numeric character references, and leaves unknown ones as written", () => {
    expect(decodeEntities("Couldn&rsquo;t &amp; can&#39;t &#x2019; &lt;Message&gt; &nbsp;&bogus; AT&T")).toBe("Couldn’t & can't ’ <Message>  &bogus; AT&T");
    expect(decodeEntities("&#0; &#x110000; &#xZZ;")).toBe("&#0; &#x110000; &#xZZ;");
  });

  it("keeps a lone < in text and a > inside a quoted attribute", () => {
    expect(htmlToText('<p title="a > b">1 < 2</p>')).toBe("1 < 2\n");
    expect(tokenize('<a href="x>y">z</a>').map((t) => (t.kind === "text" ? t.text : `${t.kind}:${t.name}`))).toEqual(["open:a", "z", "close:a"]);
  });

  it("keeps <pre> lines as they are", () => {
    expect(htmlToText("<p>Throttled messages look like the below</p><pre><code>&lt;ThrottlingException&gt;\n  &lt;Message&gt;Rate exceeded&lt;/Message&gt;\n&lt;/ThrottlingException&gt;</code></pre>")).toBe(
      "Throttled messages look like the below\n<ThrottlingException>\n  <Message>Rate exceeded</Message>\n</ThrottlingException>\n",
    );
  });
});

describe("htmlToText on tables", () => {
  it("writes a header line, a rule and one line per row, under the heading before the table", () => {
    const html = "<h3>F200 - Partner Input Errors</h3><table><thead><tr><th>Error</th><th>Message</th></tr></thead><tbody><tr><td>InvalidRequestInput</td><td>Request body is null</td></tr><tr><td>A</td><td>B</td></tr></tbody></table><p>after</p>";
    expect(htmlToText(html)).toBe("F200 - Partner Input Errors\nError | Message |\n---|---|\nInvalidRequestInput | Request body is null |\nA | B |\n\nafter\n");
    expect(tables(html)).toMatchObject([{ section: "F200 - Partner Input Errors", header: ["Error", "Message"], rows: [["InvalidRequestInput", "Request body is null"], ["A", "B"]] }]);
  });

  it("keeps a cell's paragraphs as lines, and a | in a cell from splitting it", () => {
    const [table] = tables("<table><tr><th>Code</th><th>Description</th></tr><tr><td>X</td><td><p>First.</p><p>Second <b>part</b>.</p>Third<br>Fourth</td></tr><tr><td>a|b</td><td>c</td></tr></table>");
    expect(table!.cellLines).toEqual([
      [["X"], ["First.", "Second part.", "Third", "Fourth"]],
      [["a¦b"], ["c"]],
    ]);
  });

  it("writes a row's first cell on one line, so a row always starts on a line with a |", () => {
    const text = htmlToText("<table><tr><th>HTTP status code</th><th>Reason code</th><th>Description</th></tr><tr><td>503<br>SERVICE_UNAVAILABLE</td><td>ServiceUnavailable</td><td><p>Unable to handle the request</p><p>Retry</p></td></tr><tr><td>500</td><td>InternalServerError</td><td>Retry</td></tr></table>");
    expect(text).toBe("HTTP status code | Reason code | Description |\n---|---|---|\n503 SERVICE_UNAVAILABLE | ServiceUnavailable | Unable to handle the request\nRetry |\n500 | InternalServerError | Retry |\n");
  });

  it("takes the first row as the header when no cell is a <th>, and keeps rows aligned across an empty or missing cell", () => {
    const [table] = tables("<table><tr><td>Mock Error Request ID = F1000</td><td>Note</td></tr><tr><td>GcLocked</td><td></td></tr><tr><td>RequestError</td></tr><tr><td>AmountIsNull</td><td>n</td></tr></table>");
    expect(table!.header).toEqual(["Mock Error Request ID = F1000", "Note"]);
    expect(table!.rows).toEqual([["GcLocked", ""], ["RequestError", ""], ["AmountIsNull", "n"]]);
  });

  it("writes a table nested in a cell into that cell, and drops text between cells", () => {
    const [table] = tables("<table><tr><th>A</th><th>B</th></tr><tr> stray <td>1</td><td><table><tr><td>inner</td></tr></table></td></tr></table>");
    expect(table!.rows).toEqual([["1", "inner ¦"]]);
  });
});

describe("looksLikeHtml", () => {
  it.each([
    ["<!DOCTYPE html><html></html>", true],
    ["  <html lang=en>", true],
    ["<div class=x><p>Manage errors</p></div>", true],
    ["Errors and Mock Errors\nThrottled messages look like the below\n<ThrottlingException>\n<Message>Rate exceeded</Message>", false],
    ["Error | Message |\n---|---|\n", false],
  ])("%j → %s", (text, html) => {
    expect(looksLikeHtml(text)).toBe(html);
  });
});
