/** Says, once every test has run, what `npm test` leaves out and how to run it. */
export function teardown(): void {
  process.stderr.write("\nfaultproof: left out of this run: the HTML report's real-browser test (it needs Chromium at /usr/bin/chromium). Run it with: npm run test:browser\n");
}
